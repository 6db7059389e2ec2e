package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.session.Subscription;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;

import java.util.ArrayList;
import java.util.List;

final class SubscribeHandler implements PacketHandler {

    private final SessionManager sessions;

    SubscribeHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        MqttSubscribeMessage sub = (MqttSubscribeMessage) message;
        List<MqttTopicSubscription> topics = sub.payload().topicSubscriptions();
        if (topics.isEmpty()) {
            ctx.close(); // MQTT-3.8.3-3
            return;
        }
        List<Subscription> requested = new ArrayList<>(topics.size());
        for (MqttTopicSubscription t : topics) {
            requested.add(new Subscription(t.topicFilter(), t.qualityOfService().value()));
        }
        sessions.onSubscribe(state.connection, state.clientId, sub.variableHeader().messageId(), requested);
    }
}
