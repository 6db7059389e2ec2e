package dev.lmqharness.broker.protocol;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PacketRulesTest {

    private static PacketRules.Outcome check(int firstByte, byte[] body) {
        return PacketRules.check(firstByte, ByteBuffer.wrap(body)).outcome();
    }

    private static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (b.length >> 8), (byte) b.length}, b);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] connect(String name, int level, int flags, String clientId) {
        return concat(str(name), new byte[] {(byte) level, (byte) flags, 0, 60}, str(clientId));
    }

    @Test
    @DisplayName("a plain 3.1.1 CONNECT passes")
    void validConnect() {
        assertThat(check(0x10, connect("MQTT", 4, 0x02, "c1"))).isEqualTo(PacketRules.Outcome.OK);
    }

    @Test
    @Rule("MQTT-3.1.2-2")
    @DisplayName("Protocol levels other than 4 are refused with 0x01")
    void otherLevels() {
        assertThat(check(0x10, connect("MQTT", 5, 0x02, "c1"))).isEqualTo(PacketRules.Outcome.REFUSE_PROTOCOL_LEVEL);
        assertThat(check(0x10, connect("MQIsdp", 3, 0x02, "c1"))).isEqualTo(PacketRules.Outcome.REFUSE_PROTOCOL_LEVEL);
    }

    @Test
    @Rule({"MQTT-3.1.2-1", "MQTT-3.1.2-3"})
    @DisplayName("Wrong protocol name or reserved flag closes")
    void nameAndReservedFlag() {
        assertThat(check(0x10, connect("MQTX", 4, 0x02, "c1"))).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x10, connect("MQTT", 4, 0x03, "c1"))).isEqualTo(PacketRules.Outcome.CLOSE);
    }

    private static byte[] connectWithWill(String willTopic) {
        return concat(connect("MQTT", 4, 0x02 | 0x04, "c1"), str(willTopic), new byte[] {0, 1, 'x'});
    }

    @Test
    @Rule({"MQTT-3.3.2-2", "MQTT-4.7.1-1", "MQTT-4.7.3-1"})
    @DisplayName("A Will Topic with a wildcard, or of zero length, closes; an ordinary one passes")
    void willTopicIsATopicName() {
        assertThat(check(0x10, connectWithWill("a/b"))).isEqualTo(PacketRules.Outcome.OK);
        assertThat(check(0x10, connectWithWill("$a/b c"))).isEqualTo(PacketRules.Outcome.OK);
        for (String bad : new String[] {"a/+", "+", "a/#", "#", "a/+/b", "a+", "x#"}) {
            assertThat(check(0x10, connectWithWill(bad))).as("Will Topic '%s'", bad).isEqualTo(PacketRules.Outcome.CLOSE);
        }
        assertThat(check(0x10, connectWithWill(""))).as("zero-length Will Topic").isEqualTo(PacketRules.Outcome.CLOSE);
    }

    @Test
    @Rule({"MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    @DisplayName("Malformed UTF-8 or U+0000 in a topic closes")
    void badUtf8() {
        byte[] badTopic = {0, 2, (byte) 0xC3, 0x28};
        assertThat(check(0x30, badTopic)).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x30, str("a\u0000b"))).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x30, str("a/b"))).isEqualTo(PacketRules.Outcome.OK);
    }

    @Test
    @DisplayName("a string length past the packet end closes instead of swallowing later packets")
    void lengthPastEnd() {
        assertThat(check(0x30, new byte[] {0, 100, 'a', 'b'})).isEqualTo(PacketRules.Outcome.CLOSE);
    }

    @Test
    @Rule({"MQTT-3.8.3-4", "MQTT-3.8.1-1"})
    @DisplayName("SUBSCRIBE reserved bits and flags")
    void subscribe() {
        byte[] ok = concat(new byte[] {0, 1}, str("a/#"), new byte[] {1});
        assertThat(check(0x82, ok)).isEqualTo(PacketRules.Outcome.OK);
        assertThat(check(0x80, ok)).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x82, concat(new byte[] {0, 1}, str("a"), new byte[] {4}))).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x82, concat(new byte[] {0, 1}, str("a"), new byte[] {3}))).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x82, new byte[] {0, 1})).isEqualTo(PacketRules.Outcome.CLOSE);
    }

    @Test
    @DisplayName("PINGREQ/DISCONNECT with a body and server-only packet types close")
    void fixedLengths() {
        assertThat(check(0xC0, new byte[0])).isEqualTo(PacketRules.Outcome.OK);
        assertThat(check(0xC0, new byte[] {1})).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x20, new byte[] {0, 0})).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x62, new byte[] {0, 1})).isEqualTo(PacketRules.Outcome.OK);
        assertThat(check(0x60, new byte[] {0, 1})).isEqualTo(PacketRules.Outcome.CLOSE);
    }

    @Test
    @Rule({"MQTT-3.3.1-4", "MQTT-2.3.1-1"})
    @DisplayName("QoS 3 and packet identifier 0 close")
    void publishQos() {
        assertThat(check(0x36, str("a"))).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x32, concat(str("a"), new byte[] {0, 0}))).isEqualTo(PacketRules.Outcome.CLOSE);
        assertThat(check(0x32, concat(str("a"), new byte[] {0, 7}))).isEqualTo(PacketRules.Outcome.OK);
    }
}
