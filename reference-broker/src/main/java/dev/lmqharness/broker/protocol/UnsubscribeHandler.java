package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.SessionManager;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.util.List;

final class UnsubscribeHandler implements PacketHandler {

    private final SessionManager sessions;

    UnsubscribeHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        MqttUnsubscribeMessage unsub = (MqttUnsubscribeMessage) message;
        List<String> filters = unsub.payload().topics();
        if (filters.isEmpty()) {
            ctx.close(); // MQTT-3.10.3-2
            return;
        }
        sessions.onUnsubscribe(state.connection, state.clientId, unsub.variableHeader().messageId(), filters);
    }
}
