package dev.lmqharness.broker.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-built MQTT 3.1.1 packets for the raw socket client. Byte-exact on purpose: the wire tests
 * need packets a well-behaved client library would refuse to send.
 */
final class Packets {

    static final int CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, PUBREC = 5, PUBREL = 6, PUBCOMP = 7,
            SUBSCRIBE = 8, SUBACK = 9, UNSUBSCRIBE = 10, UNSUBACK = 11, PINGREQ = 12, PINGRESP = 13, DISCONNECT = 14;

    /** CONNECT flag bits (MQTT 3.1.2.3). */
    static final int RESERVED = 0x01, CLEAN_SESSION = 0x02, WILL = 0x04, WILL_QOS1 = 0x08, WILL_QOS2 = 0x10,
            WILL_RETAIN = 0x20, PASSWORD = 0x40, USER_NAME = 0x80;

    private Packets() {
    }

    /** A plain 3.1.1 CONNECT with no will, user name or password. */
    static byte[] connect(String clientId, boolean cleanSession, int keepAliveSeconds) {
        return connect("MQTT", 4, cleanSession ? CLEAN_SESSION : 0, keepAliveSeconds, utf8(clientId));
    }

    /** Any CONNECT: the caller chooses protocol name, level and flags and supplies the matching payload fields. */
    static byte[] connect(String protocolName, int level, int flags, int keepAliveSeconds, byte[]... payloadFields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8(protocolName));
        body.write(level);
        body.write(flags);
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds);
        for (byte[] f : payloadFields) {
            body.writeBytes(f);
        }
        return packet(CONNECT << 4, body.toByteArray());
    }

    static byte[] publish(String topic, int qos, boolean retain, boolean dup, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8(topic));
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId);
        }
        body.writeBytes(payload);
        int first = PUBLISH << 4 | (dup ? 0x08 : 0) | qos << 1 | (retain ? 1 : 0);
        return packet(first, body.toByteArray());
    }

    static byte[] publish(String topic, int qos, int packetId, String payload) {
        return publish(topic, qos, false, false, packetId, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] puback(int packetId) {
        return idOnly(PUBACK << 4, packetId);
    }

    static byte[] pubrec(int packetId) {
        return idOnly(PUBREC << 4, packetId);
    }

    /** PUBREL's fixed-header flags are 0010 (MQTT-3.6.1-1). */
    static byte[] pubrel(int packetId) {
        return idOnly(PUBREL << 4 | 0x02, packetId);
    }

    static byte[] pubcomp(int packetId) {
        return idOnly(PUBCOMP << 4, packetId);
    }

    /** SUBSCRIBE with the required flags 0010 (MQTT-3.8.1-1); filters and QoS alternate: "a/b", 1, "c/#", 0. */
    static byte[] subscribe(int packetId, Object... filterQosPairs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId);
        for (int i = 0; i < filterQosPairs.length; i += 2) {
            body.writeBytes(utf8((String) filterQosPairs[i]));
            body.write((Integer) filterQosPairs[i + 1]);
        }
        return packet(SUBSCRIBE << 4 | 0x02, body.toByteArray());
    }

    static byte[] unsubscribe(int packetId, String... filters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId);
        for (String f : filters) {
            body.writeBytes(utf8(f));
        }
        return packet(UNSUBSCRIBE << 4 | 0x02, body.toByteArray());
    }

    static byte[] pingreq() {
        return new byte[]{(byte) 0xC0, 0};
    }

    static byte[] disconnect() {
        return new byte[]{(byte) 0xE0, 0};
    }

    /** A fixed header (first byte plus Remaining Length) followed by the body. */
    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.writeBytes(remainingLength(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The variable-length Remaining Length encoding (MQTT 2.2.3). */
    static byte[] remainingLength(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        return out.toByteArray();
    }

    /** A UTF-8 string with its two-byte length prefix (MQTT 1.5.3). */
    static byte[] utf8(String s) {
        return binary(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes with a two-byte length prefix (will message, password). */
    static byte[] binary(byte[] b) {
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) (b.length >> 8);
        out[1] = (byte) b.length;
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    private static byte[] idOnly(int firstByte, int packetId) {
        return new byte[]{(byte) firstByte, 2, (byte) (packetId >> 8), (byte) packetId};
    }
}
