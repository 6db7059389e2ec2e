package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.rules.TopicFilters;
import dev.lmqharness.broker.session.SessionManager;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/** Inbound PUBLISH: syntax checks, then the payload is copied out and handed to the session. */
final class PublishHandler implements PacketHandler {

    private final SessionManager sessions;

    PublishHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        MqttPublishMessage publish = (MqttPublishMessage) message;
        int qos = publish.fixedHeader().qosLevel().value();
        String topic = publish.variableHeader().topicName();
        if ((qos == 0 && publish.fixedHeader().isDup()) || !TopicFilters.isValidTopicName(topic)) {
            ctx.close(); // MQTT-3.3.1-2, MQTT-3.3.2-2: protocol violations end the connection
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(publish.payload());
        sessions.onPublish(state.connection, state.clientId, topic, qos, publish.fixedHeader().isRetain(),
                publish.variableHeader().packetId(), payload);
    }
}
