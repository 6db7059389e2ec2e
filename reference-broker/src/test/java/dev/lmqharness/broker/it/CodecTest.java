package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.kit.wire.RawBytes;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** The broker's codec: packets split over many reads, the configured maximum frame size (maxFrameBytes). */
@Timeout(60)
@DisplayName("Codec edge cases: split packets, maximum sizes")
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
        byte[] p = RawBytes.packet(0x32, RawBytes.str(topic), RawBytes.u16(packetId), randomBytes(payload, total));
        assertThat(p).as("test packet size").hasSize(total);
        return p;
    }

    /** Sends {@code packet} in pieces cut at {@code cuts}, each piece written and flushed on its own. */
    private static void sendInPieces(RawMqttClient c, byte[] packet, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            c.sendBytes(Arrays.copyOfRange(packet, from, cut), "bytes " + from + ".." + cut);
            from = cut;
        }
        c.sendBytes(Arrays.copyOfRange(packet, from, packet.length), "bytes " + from + ".." + packet.length);
    }

    private static int[] everyByte(int length) {
        int[] cuts = new int[length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }

    private static int idOf(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    @Test
    @DisplayName("A CONNECT and a PUBLISH written one byte at a time are reassembled")
    void packetsSplitIntoSingleBytes() {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe("split/t", 1, TIMEOUT);
        RawMqttClient c = broker.raw("bytewise");
        byte[] connect = RawBytes.connect(RawBytes.CLEAN_SESSION, 60, null, RawBytes.str("bytewise"));
        sendInPieces(c, connect, everyByte(connect.length));
        io.netty.handler.codec.mqtt.MqttConnAckMessage ack = c.expect(MqttMessageType.CONNACK, TIMEOUT);
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();

        byte[] payload = randomBytes(300, 1); // Remaining Length takes two bytes: split between them too
        byte[] publish = RawBytes.packet(0x32, RawBytes.str("split/t"), RawBytes.u16(42), payload);
        sendInPieces(c, publish, everyByte(publish.length));
        assertThat(idOf(c.expect(MqttMessageType.PUBACK, TIMEOUT))).isEqualTo(42);
        assertThat(RawMqttClient.payloadOf(sub.expectPublish(TIMEOUT))).isEqualTo(payload);
    }

    @Test
    @DisplayName("A large PUBLISH split inside its Remaining Length, topic and payload is reassembled")
    void packetSplitAtAwkwardPlaces() {
        RawMqttClient sub = broker.rawConnected("sub", true);
        sub.subscribe("split/big", 1, TIMEOUT);
        RawMqttClient c = broker.rawConnected("pub", true);
        byte[] payload = randomBytes(65_536, 2);
        byte[] publish = RawBytes.packet(0x32, RawBytes.str("split/big"), RawBytes.u16(7), payload);
        // offsets: inside the 3-byte Remaining Length, inside the topic, at the packet ID, mid-payload
        sendInPieces(c, publish, 1, 2, 3, 8, 14, 15, 1000, 40_000);
        assertThat(idOf(c.expect(MqttMessageType.PUBACK, TIMEOUT))).isEqualTo(7);
        assertThat(RawMqttClient.payloadOf(sub.expectPublish(TIMEOUT))).isEqualTo(payload);
    }

    @Test
    @DisplayName("maxFrameBytes counts the whole packet: exactly 256 KiB passes, one byte more closes the connection")
    void defaultMaximumCountsTheWholePacket() {
        assertThat(broker.broker().config().mqtt().maxFrameBytes()).isEqualTo(DEFAULT_MAX);
        assertBoundary(broker.tcpPort(), DEFAULT_MAX);
    }

    @Test
    @DisplayName("A configured maxFrameBytes is the limit: exactly that passes, one byte more closes the connection")
    void configuredMaximumIsHonoured() {
        int max = 20_000;
        BrokerConfig base = ReferenceBroker.builder().tcpPort(0).inMemory().build().config();
        MqttConfig m = base.mqtt();
        try (ReferenceBroker small = ReferenceBroker.builder().config(base.withMqtt(new MqttConfig(max, m.maxInflight(),
                m.keepAliveFactor(), m.maxQueuedPerSession(), m.sessionThreads(), m.connectTimeoutSeconds())))
                .build().start()) {
            assertBoundary(small.port(Transport.TCP), max);
        }
    }

    private static void assertBoundary(int port, int max) {
        try (RawMqttClient sub = KitClients.rawConnected(port, "size-sub", true);
             RawMqttClient fits = KitClients.rawConnected(port, "fits", true);
             RawMqttClient tooBig = KitClients.rawConnected(port, "too-big", true)) {
            sub.subscribe("size/#", 1, TIMEOUT);
            fits.sendBytes(publishOfTotalSize(max, "size/ok", 1), "PUBLISH of exactly " + max + " bytes");
            assertThat(idOf(fits.expect(MqttMessageType.PUBACK, TIMEOUT))).as("a packet of exactly %d bytes", max).isEqualTo(1);
            MqttPublishMessage ok = sub.expectPublish(TIMEOUT);
            assertThat(ok.variableHeader().topicName()).isEqualTo("size/ok");
            sub.acknowledge(ok, TIMEOUT);

            // The broker may close on the header alone, while the body is still being written.
            tooBig.sendBytes(publishOfTotalSize(max + 1, "size/no", 2), "PUBLISH of " + (max + 1) + " bytes");
            assertThat(tooBig.awaitClosed(TIMEOUT)).as("closed for %d bytes", max + 1).isTrue();
            assertThat(tooBig.history()).as("no PUBACK for %d bytes", max + 1)
                    .noneMatch(r -> r.type() == MqttMessageType.PUBACK && idOf(r.message()) == 2);
            assertThat(fits.isOpen()).isTrue();
            assertThat(sub.isOpen()).isTrue();
            sub.expectNoPacket(Duration.ofMillis(300), "the oversize message must not be delivered");
        }
    }

    @Test
    @DisplayName("An oversize packet is refused from its header: the connection closes before the body is sent")
    void oversizeIsRefusedBeforeBuffering() {
        RawMqttClient c = broker.rawConnected("announcer", true);
        int remaining = 10 * DEFAULT_MAX;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(0x30);
        head.writeBytes(RawBytes.remainingLength(remaining));
        head.writeBytes(RawBytes.str("huge"));
        head.writeBytes(new byte[1024]); // a little of the body; the rest never comes
        c.sendBytes(head.toByteArray(), "the head of a PUBLISH announcing " + remaining + " bytes");
        assertThat(c.awaitClosed(Duration.ofSeconds(3))).as("closed on the announced length alone").isTrue();
    }
}
