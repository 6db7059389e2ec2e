package dev.lmqharness.broker.it;

import dev.lmqharness.broker.config.MqttConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / in-flight window per client and DUP redelivery on reconnect")
class InflightWindowTest {

    static final int WINDOW = 4;

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp().withConfig(c -> {
        MqttConfig m = c.mqtt();
        return c.withMqtt(new MqttConfig(m.maxFrameBytes(), WINDOW, m.keepAliveFactor(), m.maxQueuedPerSession(),
                m.sessionThreads(), m.connectTimeoutSeconds()));
    });

    private void publishQos1(String topic, int n) {
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub-" + topic.replace('/', '-'), true);
        for (int i = 0; i < n; i++) {
            pub.publish(topic, "m" + i, 1, false);
        }
    }

    @Test
    @DisplayName("At most maxInflight unacknowledged QoS 1 messages per client; each PUBACK lets one more go, in order [in-flight window, MQTT-4.6.0-6]")
    void windowLimitsUnacknowledgedMessagesPerClient() throws Exception {
        RawMqttClient a = broker.rawConnected("a", true);
        RawMqttClient b = broker.rawConnected("b", true);
        a.subscribe(1, "w", 1);
        b.subscribe(1, "w", 1);
        publishQos1("w", 10); // every PUBACK came back: all ten are queued for both subscribers

        List<Packet> firstA = a.expect(PUBLISH, WINDOW);
        List<Packet> firstB = b.expect(PUBLISH, WINDOW);
        assertThat(firstA).extracting(Packet::text).containsExactly("m0", "m1", "m2", "m3");
        assertThat(firstB).as("the window is per client, not shared").extracting(Packet::text)
                .containsExactly("m0", "m1", "m2", "m3");
        assertQuiet(a);

        a.send(puback(firstA.get(0).packetId()));
        assertThat(a.expect(PUBLISH).text()).isEqualTo("m4");
        assertQuiet(a);

        for (Packet p : firstA.subList(1, WINDOW)) {
            a.send(puback(p.packetId()));
        }
        List<Packet> rest = a.expect(PUBLISH, 3);
        assertThat(rest).extracting(Packet::text).containsExactly("m5", "m6", "m7");
    }

    /** Nothing more is sent while the window is full (a short bounded look: the only way to see an absence here). */
    private static void assertQuiet(RawMqttClient c) {
        c.assertNothingFor(Duration.ofMillis(400));
    }

    @Test
    @DisplayName("Unacknowledged QoS 1 messages are re-sent on reconnect with DUP=1, same identifiers, original order, after CONNACK [MQTT-4.4.0-1, MQTT-4.6.0-1, MQTT-3.3.1-1, MQTT-3.2.0-1]")
    void unacknowledgedQos1IsRedeliveredWithDup() throws Exception {
        List<Packet> first;
        try (RawMqttClient sub = RawMqttClient.connected(broker.tcpPort(), "dup-sub", false)) {
            sub.subscribe(1, "dup/q1", 1);
            publishQos1("dup/q1", 6); // 4 go out now, 2 wait behind the window
            first = sub.expect(PUBLISH, WINDOW);
            assertThat(first).allSatisfy(p -> assertThat(p.dup()).isFalse());
        } // dropped without DISCONNECT and without acknowledging anything

        RawMqttClient again = broker.closeAfterTest(RawMqttClient.open(broker.tcpPort()));
        again.send(Packets.connect("dup-sub", false, 60));
        Packet ack = again.next();
        assertThat(ack.type()).as("CONNACK comes first").isEqualTo(CONNACK);
        assertThat(ack.sessionPresent()).isTrue();
        List<Packet> resent = again.expect(PUBLISH, WINDOW);
        for (int i = 0; i < WINDOW; i++) {
            assertThat(resent.get(i).dup()).as("DUP on %s", resent.get(i)).isTrue();
            assertThat(resent.get(i).packetId()).isEqualTo(first.get(i).packetId());
            assertThat(resent.get(i).text()).isEqualTo(first.get(i).text());
        }
        for (Packet p : resent) {
            again.send(puback(p.packetId()));
        }
        List<Packet> queued = again.expect(PUBLISH, 2);
        assertThat(queued).extracting(Packet::text).containsExactly("m4", "m5");
        assertThat(queued).allSatisfy(p -> assertThat(p.dup()).as("never sent before").isFalse());
    }

    @Test
    @DisplayName("QoS 2 on reconnect: an unreceived PUBLISH is re-sent with DUP, a PUBREC'd one continues with PUBREL [MQTT-4.4.0-1]")
    void qos2FlowResumesOnReconnect() throws Exception {
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        Packet released;
        Packet unreceived;
        try (RawMqttClient sub = RawMqttClient.connected(broker.tcpPort(), "q2-sub", false)) {
            sub.subscribe(1, "dup/q2", 2);
            pub.publish("dup/q2", "a", 2, false);
            pub.publish("dup/q2", "b", 2, false);
            released = sub.expect(PUBLISH);
            unreceived = sub.expect(PUBLISH);
            sub.send(pubrec(released.packetId()));
            Packet rel = sub.expect(PUBREL);
            assertThat(rel.packetId()).isEqualTo(released.packetId());
        } // dropped before PUBCOMP of "a" and before PUBREC of "b"

        RawMqttClient again = broker.closeAfterTest(RawMqttClient.open(broker.tcpPort()));
        assertThat(again.connect("q2-sub", false, 60).sessionPresent()).isTrue();
        List<Packet> resumed = List.of(again.next(), again.next());
        assertThat(resumed).anySatisfy(p -> {
            assertThat(p.type()).isEqualTo(PUBREL);
            assertThat(p.packetId()).isEqualTo(released.packetId());
        });
        assertThat(resumed).anySatisfy(p -> {
            assertThat(p.type()).isEqualTo(PUBLISH);
            assertThat(p.dup()).isTrue();
            assertThat(p.packetId()).isEqualTo(unreceived.packetId());
            assertThat(p.text()).isEqualTo("b");
        });
        again.send(pubcomp(released.packetId()), pubrec(unreceived.packetId()));
        assertThat(again.expect(PUBREL).packetId()).isEqualTo(unreceived.packetId());
        again.send(pubcomp(unreceived.packetId()));
        again.assertAlive();
    }
}
