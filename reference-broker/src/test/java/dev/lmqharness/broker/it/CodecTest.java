package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@DisplayName("Codec edge cases: split and coalesced packets, maximum sizes")
class CodecTest {

    static final int DEFAULT_MAX = 256 * 1024;

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * A QoS 1 PUBLISH of exactly {@code total} bytes on the wire (fixed header included), for totals
     * whose Remaining Length takes three bytes (16,388 to 2,097,155).
     */
    static byte[] publishOfTotalSize(int total, String topic, int packetId) {
        int remaining = total - 4;
        int payload = remaining - (2 + topic.length()) - 2;
        byte[] p = Packets.publish(topic, 1, false, false, packetId, randomBytes(payload, total));
        assertThat(p).as("test packet size").hasSize(total);
        return p;
    }

    @Test
    @DisplayName("A CONNECT and a PUBLISH arriving one byte per read are reassembled [MQTT 2.2.3, split packets]")
    void packetsSplitIntoSingleBytes() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe(1, "split/t", 1);
        RawMqttClient c = broker.raw();
        byte[] connect = Packets.connect("bytewise", true, 60);
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : connect) {
            bytes.add(new byte[]{b});
        }
        c.sendSpaced(Duration.ofMillis(5), bytes);
        assertThat(c.expect(CONNACK).connackCode()).isZero();

        byte[] payload = randomBytes(300, 1); // Remaining Length takes two bytes: split between them too
        byte[] publish = Packets.publish("split/t", 1, false, false, 42, payload);
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : publish) {
            pieces.add(new byte[]{b});
        }
        c.sendSpaced(Duration.ofMillis(1), pieces);
        assertThat(c.expect(PUBACK).packetId()).isEqualTo(42);
        assertThat(sub.expect(PUBLISH).payload()).isEqualTo(payload);
    }

    @Test
    @DisplayName("A large PUBLISH split inside its Remaining Length, topic and payload is reassembled [split packets]")
    void packetSplitAtAwkwardPlaces() throws Exception {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe(1, "split/big", 1);
        RawMqttClient c = broker.rawConnected("pub", true);
        byte[] payload = randomBytes(65_536, 2);
        byte[] publish = Packets.publish("split/big", 1, false, false, 7, payload);
        // offsets: inside the 3-byte Remaining Length, inside the topic, at the packet ID, mid-payload
        c.sendSpaced(Duration.ofMillis(20), RawMqttClient.split(publish, 1, 2, 3, 8, 14, 15, 1000, 40_000));
        assertThat(c.expect(PUBACK).packetId()).isEqualTo(7);
        assertThat(sub.expect(PUBLISH).payload()).isEqualTo(payload);
    }

    @Test
    @DisplayName("Several packets in one TCP write are all handled, in order [coalesced packets]")
    void coalescedPackets() throws Exception {
        RawMqttClient c = broker.raw();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(Packets.connect("coalesced", true, 60));
        all.writeBytes(subscribe(1, "co/t", 1));
        all.writeBytes(publish("co/t", 1, 2, "to myself"));
        all.writeBytes(pingreq());
        c.send(all.toByteArray());
        Packet first = c.next();
        assertThat(first.type()).as("CONNACK first [MQTT-3.2.0-1]").isEqualTo(CONNACK);
        assertThat(first.connackCode()).isZero();
        // The standard orders PUBLISH flows, not answers of different kinds: compare as a set.
        List<Packet> rest = List.of(c.next(), c.next(), c.next(), c.next());
        assertThat(rest).extracting(Packet::type).containsExactlyInAnyOrder(SUBACK, PUBACK, PUBLISH, PINGRESP);
        assertThat(rest).filteredOn(p -> p.type() == PUBLISH).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("to myself"));
        c.assertNothingFor(Duration.ofMillis(200));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A 64 KB (65,536-byte) payload passes both ways, intact, at QoS 0, 1 and 2 [LMQ-MSG-1]")
    void payloadOf64KbPasses(ClientKind kind) {
        TestClient sub = broker.connected(kind, "sub", true);
        TestClient pub = broker.connected(kind, "pub", true);
        sub.subscribe("big/#", 2);
        for (int qos = 0; qos <= 2; qos++) {
            byte[] payload = randomBytes(65_536, qos);
            pub.publish("big/" + qos, payload, qos, false);
            Received r = sub.inbox().next();
            assertThat(r.topic()).isEqualTo("big/" + qos);
            assertThat(r.payload()).isEqualTo(payload);
        }
    }

    @Test
    @DisplayName("maxFrameBytes counts the whole packet: exactly 256 KiB passes, one byte more closes the connection")
    void defaultMaximumCountsTheWholePacket() throws Exception {
        assertThat(broker.broker().config().mqtt().maxFrameBytes()).isEqualTo(DEFAULT_MAX);
        assertBoundary(broker.tcpPort(), DEFAULT_MAX);
    }

    @Test
    @DisplayName("A configured maxFrameBytes is the limit: exactly that passes, one byte more closes the connection")
    void configuredMaximumIsHonoured() throws Exception {
        int max = 20_000;
        BrokerConfig base = ReferenceBroker.builder().tcpPort(0).inMemory().build().config();
        MqttConfig m = base.mqtt();
        try (ReferenceBroker small = ReferenceBroker.builder().config(base.withMqtt(new MqttConfig(max, m.maxInflight(),
                m.keepAliveFactor(), m.maxQueuedPerSession(), m.sessionThreads(), m.connectTimeoutSeconds())))
                .build().start()) {
            assertBoundary(small.port(Transport.TCP), max);
        }
    }

    private static void assertBoundary(int port, int max) throws Exception {
        try (RawMqttClient sub = RawMqttClient.connected(port, "size-sub", true);
             RawMqttClient fits = RawMqttClient.connected(port, "fits", true);
             RawMqttClient tooBig = RawMqttClient.connected(port, "too-big", true)) {
            sub.subscribe(1, "size/#", 1);
            byte[] exact = publishOfTotalSize(max, "size/ok", 1);
            fits.send(exact);
            assertThat(fits.expect(PUBACK).packetId()).as("a packet of exactly %d bytes", max).isEqualTo(1);
            assertThat(sub.expect(PUBLISH).topic()).isEqualTo("size/ok");

            try {
                tooBig.send(publishOfTotalSize(max + 1, "size/no", 2));
            } catch (java.net.SocketException e) {
                // The broker may close on the header alone, while the body is still being written.
            }
            tooBig.awaitClosedByBroker();
            assertThat(tooBig.drain()).as("no PUBACK for %d bytes", max + 1).isEmpty();
            fits.assertAlive();
            sub.assertAlive();
            assertThat(sub.drain()).as("the oversize message was not delivered").isEmpty();
        }
    }

    @Test
    @DisplayName("An oversize packet is refused from its header: the connection closes before the body is sent [RULES LMQ-MSG-1 decision]")
    void oversizeIsRefusedBeforeBuffering() throws Exception {
        RawMqttClient c = broker.rawConnected("announcer", true);
        int remaining = 10 * DEFAULT_MAX;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(PUBLISH << 4);
        head.writeBytes(remainingLength(remaining));
        head.writeBytes(utf8("huge"));
        head.writeBytes(new byte[1024]); // a little of the body; the rest never comes
        c.send(head.toByteArray());
        c.awaitClosedByBroker(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A client publishing beyond the maximum is disconnected and nothing is delivered (both clients)")
    void clientPublishingTooMuchIsDisconnected(ClientKind kind) {
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe("huge/#", 1);
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publishAsync("huge/t", randomBytes(DEFAULT_MAX + 1024, 9), 1, false);
        await("publisher disconnected").atMost(Duration.ofSeconds(5)).until(() -> !pub.isConnected());
        assertThat(sub.isConnected()).isTrue();
        TestClient other = broker.connected(kind, "other", true);
        other.publish("huge/marker", "end", 1, false);
        assertThat(sub.inbox().before("huge/marker")).isEmpty();
    }
}
