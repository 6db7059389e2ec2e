package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.SessionManager;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;

/** PUBACK, PUBREC, PUBREL and PUBCOMP: each carries only a packet ID for the session. */
final class AckHandlers {

    private AckHandlers() {
    }

    static int packetId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    static PacketHandler pubAck(SessionManager s) {
        return (ctx, state, m) -> s.onPubAck(state.connection, state.clientId, packetId(m));
    }

    static PacketHandler pubRec(SessionManager s) {
        return (ctx, state, m) -> s.onPubRec(state.connection, state.clientId, packetId(m));
    }

    static PacketHandler pubRel(SessionManager s) {
        return (ctx, state, m) -> s.onPubRel(state.connection, state.clientId, packetId(m));
    }

    static PacketHandler pubComp(SessionManager s) {
        return (ctx, state, m) -> s.onPubComp(state.connection, state.clientId, packetId(m));
    }
}
