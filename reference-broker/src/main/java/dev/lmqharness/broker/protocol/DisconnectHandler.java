package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.SessionManager;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * DISCONNECT: the will is discarded (MQTT-3.14.4-3) and the connection closed. The session hears
 * of it at once, so a reconnect racing the close cannot mistake this for an abnormal loss.
 */
final class DisconnectHandler implements PacketHandler {

    private final SessionManager sessions;

    DisconnectHandler(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        state.disconnectReceived = true;
        sessions.connectionLost(state.connection, state.clientId, true);
        ctx.close();
    }
}
