package dev.lmqharness.suite.broker;

import dev.lmqharness.kit.address.BrokerAddress;

import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.ExchangeLog;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.TransportException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

/**
 * One connect before any test: a wrong URL or refused credentials end the whole run with one
 * clear line instead of a hundred identical failures.
 */
final class Preflight {
    private Preflight() {
    }

    static void check(Target t) {
        BrokerAddress ep = t.endpoint();
        String clientId = t.naming().clientId();
        RawMqttClient c;
        try {
            c = RawMqttClient.open(ep, new ExchangeLog(), "preflight", t.config().timeout());
        } catch (TransportException e) {
            throw new TargetUnavailableException("target " + e.getMessage());
        }
        try {
            c.send(Packets.connect(new ConnectSpec(clientId, true, 30, t.credentialsFor(clientId), null)));
            MqttMessage m = c.next(t.config().timeout());
            if (m == null) {
                throw new TargetUnavailableException("target " + ep.url() + ": "
                        + (c.isOpen() ? "no CONNACK within " + t.config().timeout().toSeconds() + " s" : "closed the connection without CONNACK"));
            }
            if (m.fixedHeader().messageType() != MqttMessageType.CONNACK) {
                throw new TargetUnavailableException("target " + ep.url() + ": answered CONNECT with " + m.fixedHeader().messageType());
            }
            int rc = ((MqttConnAckMessage) m).variableHeader().connectReturnCode().byteValue() & 0xff;
            if (rc == 0x04 || rc == 0x05) {
                throw new TargetUnavailableException(String.format("target refused credentials: CONNACK 0x%02x", rc));
            }
            if (rc != 0) {
                throw new TargetUnavailableException(String.format("target %s refused the preflight CONNECT (client ID %s): CONNACK 0x%02x",
                        ep.url(), clientId, rc));
            }
            c.disconnect();
        } finally {
            c.close();
        }
    }
}
