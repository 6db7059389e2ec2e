package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / QoS 0, 1, 2 in both directions and packet identifiers")
class QosFlowTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    static Stream<Arguments> clientsAndQos() {
        List<Arguments> out = new ArrayList<>();
        for (ClientKind k : ClientKind.values()) {
            for (int pub = 0; pub <= 2; pub++) {
                for (int sub = 0; sub <= 2; sub++) {
                    out.add(Arguments.of(k, pub, sub));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: publish QoS {1}, subscribe QoS {2}")
    @MethodSource("clientsAndQos")
    @DisplayName("A message is delivered at min(publish QoS, granted QoS) [MQTT-3.8.4-6, MQTT-4.3]")
    void deliveredAtTheLowerOfPublishAndSubscriptionQos(ClientKind kind, int pubQos, int subQos) {
        TestClient sub = broker.connected(kind, "sub", true);
        TestClient pub = broker.connected(kind, "pub", true);
        assertThat(sub.subscribe("qos/t", subQos)).as("granted QoS").isEqualTo(subQos);
        pub.publish("qos/t", "m", pubQos, false);
        Received r = sub.inbox().next();
        assertThat(r.text()).isEqualTo("m");
        assertThat(r.qos()).isEqualTo(Math.min(pubQos, subQos));
        assertThat(r.retain()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Messages of one publisher on one topic and QoS arrive in the order sent, for QoS 0, 1 and 2 [MQTT-4.6.0-5, -6]")
    void orderPerPublisherIsKept(ClientKind kind) {
        TestClient sub = broker.connected(kind, "sub", true);
        TestClient pub = broker.connected(kind, "pub", true);
        sub.subscribe("order/#", 2);
        int perQos = 20;
        List<java.util.concurrent.CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < perQos; i++) {
            for (int qos = 0; qos <= 2; qos++) {
                acks.add(pub.publishAsync("order/" + qos, ("m" + i).getBytes(), qos, false));
            }
        }
        acks.forEach(f -> f.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        List<Received> got = sub.inbox().next(3 * perQos);
        List<String> expected = IntStream.range(0, perQos).mapToObj(i -> "m" + i).toList();
        for (int qos = 0; qos <= 2; qos++) {
            String topic = "order/" + qos;
            // Clients may hand QoS 2 messages to the application later than QoS 1 ones (on PUBREL), so order
            // is compared per topic and QoS, as the standard promises it.
            assertThat(got.stream().filter(r -> r.topic().equals(topic)).map(Received::text).toList())
                    .as("order on %s", topic).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("Inbound QoS 1: PUBACK carries the PUBLISH's packet identifier [MQTT-4.3.2-4, MQTT-2.3.1-6]")
    void inboundQos1IsAcknowledged() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe(1, "in/q1", 1);
        RawMqttClient pub = broker.rawConnected("pub", true);
        pub.send(publish("in/q1", 1, 4711, "one"));
        Packet ack = pub.expect(PUBACK);
        assertThat(ack.packetId()).isEqualTo(4711);
        Packet delivered = sub.expect(PUBLISH);
        assertThat(delivered.text()).isEqualTo("one");
        assertThat(delivered.qos()).isEqualTo(1);
    }

    @Test
    @DisplayName("Inbound QoS 2: PUBREC, PUBREL, PUBCOMP with one packet identifier; a re-sent PUBLISH before PUBREL is not delivered twice [MQTT-4.3.3-9, -10, -11]")
    void inboundQos2ExactlyOnce() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe(1, "in/q2", 1);
        RawMqttClient pub = broker.rawConnected("pub", true);
        pub.send(publish("in/q2", 2, 9, "exactly-once"));
        assertThat(pub.expect(PUBREC).packetId()).isEqualTo(9);
        // The sender did not see PUBREC (as far as it knows) and re-sends with DUP.
        pub.send(Packets.publish("in/q2", 2, false, true, 9, "exactly-once".getBytes()));
        assertThat(pub.expect(PUBREC).packetId()).isEqualTo(9);
        pub.send(pubrel(9));
        assertThat(pub.expect(PUBCOMP).packetId()).isEqualTo(9);
        Packet first = sub.expect(PUBLISH);
        assertThat(first.text()).isEqualTo("exactly-once");
        sub.send(puback(first.packetId()));
        // After PUBCOMP the same identifier starts a new message [MQTT-4.3.3-12].
        pub.send(publish("in/q2", 2, 9, "second"));
        assertThat(pub.expect(PUBREC).packetId()).isEqualTo(9);
        pub.send(pubrel(9));
        pub.expect(PUBCOMP);
        Packet second = sub.expect(PUBLISH);
        assertThat(second.text()).as("the duplicate PUBLISH must not have been routed").isEqualTo("second");
    }

    @Test
    @DisplayName("Outbound QoS 1: the broker's PUBLISH has a non-zero packet identifier and completes on PUBACK [MQTT-2.3.1-1, MQTT-4.3.2-1]")
    void outboundQos1() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        assertThat(sub.subscribe(1, "out/q1", 1)).containsExactly(1);
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        pub.publish("out/q1", "x", 1, false);
        Packet p = sub.expect(PUBLISH);
        assertThat(p.qos()).isEqualTo(1);
        assertThat(p.dup()).as("first delivery [MQTT-3.3.1-1]").isFalse();
        assertThat(p.packetId()).isNotZero();
        sub.send(puback(p.packetId()));
        sub.assertAlive();
    }

    @Test
    @DisplayName("Outbound QoS 2: PUBLISH, PUBREC, then PUBREL (flags 0010) with the same identifier, then PUBCOMP [MQTT-4.3.3-1..-3, MQTT-3.6.1-1]")
    void outboundQos2() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        assertThat(sub.subscribe(1, "out/q2", 2)).containsExactly(2);
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        pub.publish("out/q2", "first", 2, false);
        pub.publish("out/q2", "second", 2, false);
        Packet p = sub.expect(PUBLISH);
        assertThat(p.qos()).isEqualTo(2);
        assertThat(p.packetId()).isNotZero();
        assertThat(p.text()).isEqualTo("first");
        sub.send(pubrec(p.packetId()));
        Packet rel = nextNonPublish(sub, p.packetId());
        assertThat(rel.type()).isEqualTo(PUBREL);
        assertThat(rel.flags()).as("PUBREL fixed-header flags").isEqualTo(0x02);
        assertThat(rel.packetId()).isEqualTo(p.packetId());
        sub.send(pubcomp(p.packetId()));
        sub.assertAlive();
    }

    /** Skips the second message's PUBLISH, which may be sent before the PUBREL of the first. */
    private static Packet nextNonPublish(RawMqttClient c, int firstId) {
        Packet next = c.next();
        while (next.type() == PUBLISH) {
            assertThat(next.packetId()).as("identifier of a message in flight alongside").isNotEqualTo(firstId);
            next = c.next();
        }
        return next;
    }

    @Test
    @DisplayName("Packet identifiers of messages in flight to one client are non-zero and distinct [MQTT-2.3.1-1, MQTT-2.3.1-2]")
    void inflightIdentifiersAreDistinct() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe(1, "ids/#", 2);
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        int n = 20; // below the default window of 32: all are in flight at once
        IntStream.range(0, n).forEach(i -> pub.publish("ids/" + i, "p" + i, 1 + i % 2, false));
        List<Packet> got = sub.expect(PUBLISH, n);
        Set<Integer> ids = new HashSet<>();
        for (Packet p : got) {
            assertThat(p.packetId()).isNotZero();
            assertThat(ids.add(p.packetId())).as("identifier %d used twice while in flight", p.packetId()).isTrue();
        }
    }

    @Test
    @DisplayName("A QoS 0 PUBLISH from the broker carries no packet identifier [MQTT-2.3.1-5]")
    void qos0HasNoIdentifier() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe(1, "q0", 0);
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        pub.publish("q0", "abc", 1, false);
        Packet p = sub.expect(PUBLISH);
        assertThat(p.qos()).isZero();
        // topic length (2) + "q0" (2) + payload (3): nothing else fits
        assertThat(p.body()).hasSize(7);
        assertThat(p.text()).isEqualTo("abc");
    }
}
