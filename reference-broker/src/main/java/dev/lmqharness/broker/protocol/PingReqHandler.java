package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.SessionManager;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * PINGREQ gets PINGRESP (MQTT-3.12.4-1); any packet already reset the keep-alive timer. Answered
 * through the session loop so that a PINGREQ pipelined behind CONNECT cannot overtake CONNACK.
 */
final class PingReqHandler implements PacketHandler {

    private final SessionManager sessions;

    PingReqHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        sessions.onPing(state.connection, state.clientId);
    }
}
