package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / malformed packets close that connection only [MQTT-4.8.0-1]")
class MalformedPacketTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A PUBLISH whose topic is given as raw bytes (to carry invalid UTF-8 or NUL). */
    private static byte[] publishRawTopic(byte[] topic) {
        return packet(PUBLISH << 4, cat(binary(topic), "x".getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("reserved packet type 0", bytes(0x00, 0x00)),
                Arguments.of("reserved packet type 15", bytes(0xF0, 0x00)),
                Arguments.of("Remaining Length of five bytes [MQTT 2.2.3]", bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)),
                Arguments.of("PUBLISH with QoS 3 [MQTT-3.3.1-4]", qos3Publish()),
                Arguments.of("PUBLISH QoS 0 with DUP=1 [MQTT-3.3.1-2]", Packets.publish("t", 0, false, true, 0, new byte[]{1})),
                Arguments.of("PUBLISH to a topic with '+' [MQTT-3.3.2-2]", Packets.publish("a/+/c", 0, 0, "x")),
                Arguments.of("PUBLISH to a topic with '#' [MQTT-3.3.2-2]", Packets.publish("a/#", 1, 1, "x")),
                Arguments.of("PUBLISH to an empty topic [MQTT-4.7.3-1]", Packets.publish("", 0, 0, "x")),
                Arguments.of("PUBLISH topic with invalid UTF-8 [MQTT-1.5.3-1]", publishRawTopic(bytes(0x61, 0xC3, 0x28))),
                Arguments.of("PUBLISH topic with U+0000 [MQTT-1.5.3-2]", publishRawTopic(bytes(0x61, 0x00, 0x62))),
                Arguments.of("PUBLISH QoS 1 with packet identifier 0 [MQTT-2.3.1-1]", Packets.publish("t", 1, 0, "x")),
                Arguments.of("PUBLISH topic length beyond the packet", packet(PUBLISH << 4, bytes(0x00, 0x64, 0x61, 0x62))),
                Arguments.of("SUBSCRIBE with flags 0000 [MQTT-3.8.1-1]", packet(SUBSCRIBE << 4, cat(bytes(0, 1), utf8("a"), bytes(0)))),
                Arguments.of("SUBSCRIBE without filters [MQTT-3.8.3-3]", packet(SUBSCRIBE << 4 | 2, bytes(0, 1))),
                Arguments.of("SUBSCRIBE with requested QoS 3 [MQTT-3.8.3-4]", Packets.subscribe(1, "a/b", 3)),
                Arguments.of("SUBSCRIBE with reserved bit 2 in the QoS byte [MQTT-3.8.3-4]", Packets.subscribe(1, "a/b", 0x05)),
                Arguments.of("SUBSCRIBE with reserved bits 6-7 in the QoS byte [MQTT-3.8.3-4]", Packets.subscribe(1, "a/b", 0xC1)),
                Arguments.of("UNSUBSCRIBE with flags 0000 [MQTT-3.10.1-1]", packet(UNSUBSCRIBE << 4, cat(bytes(0, 1), utf8("a")))),
                Arguments.of("UNSUBSCRIBE without filters [MQTT-3.10.3-2]", packet(UNSUBSCRIBE << 4 | 2, bytes(0, 1))),
                Arguments.of("PUBREL with flags 0000 [MQTT-3.6.1-1]", bytes(PUBREL << 4, 2, 0, 1)),
                Arguments.of("PINGREQ with a body", bytes(0xC0, 0x01, 0x00)),
                Arguments.of("CONNACK from a client", bytes(0x20, 0x02, 0x00, 0x00)),
                Arguments.of("SUBACK from a client", bytes(0x90, 0x03, 0x00, 0x01, 0x00)));
    }

    private static byte[] qos3Publish() {
        byte[] p = Packets.publish("t", 1, 1, "x");
        p[0] = (byte) (PUBLISH << 4 | 0x06);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    @DisplayName("A malformed or forbidden packet after CONNECT closes that connection; others carry on")
    void malformedPacketClosesOnlyThatConnection(String name, byte[] packet) throws Exception {
        RawMqttClient bystander = broker.rawConnected("bystander", true);
        bystander.subscribe(1, "#", 1);
        RawMqttClient victim = broker.rawConnected("victim", true);
        victim.send(packet);
        victim.awaitClosedByBroker();
        assertThat(victim.drain()).as("answers to a %s", name)
                .noneMatch(p -> p.type() == PUBACK || p.type() == SUBACK || p.type() == UNSUBACK || p.type() == PINGRESP);
        bystander.assertAlive();
        assertThat(bystander.drain()).as("nothing of the malformed packet was routed").isEmpty();
    }

    @Test
    @DisplayName("Bytes that are not MQTT at all (an HTTP request on the MQTT port) close the connection")
    void nonMqttBytesCloseTheConnection() throws Exception {
        RawMqttClient bystander = broker.rawConnected("bystander", true);
        RawMqttClient c = broker.raw();
        c.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.awaitClosedByBroker();
        bystander.assertAlive();
    }
}
