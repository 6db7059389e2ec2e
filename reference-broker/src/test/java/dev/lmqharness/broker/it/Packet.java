package dev.lmqharness.broker.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One packet read from the broker by {@link RawMqttClient}: fixed-header type and flags, then the body. */
record Packet(int type, int flags, byte[] body) {

    int qos() {
        return (flags >> 1) & 0x03;
    }

    boolean dup() {
        return (flags & 0x08) != 0;
    }

    boolean retain() {
        return (flags & 0x01) != 0;
    }

    /** CONNACK: the session-present bit (MQTT-3.2.2-1..3). */
    boolean sessionPresent() {
        return (body[0] & 0x01) != 0;
    }

    int connackCode() {
        return body[1] & 0xFF;
    }

    /** PUBLISH: its topic name. */
    String topic() {
        int len = u16(0);
        return new String(body, 2, len, StandardCharsets.UTF_8);
    }

    /** The packet identifier: after the topic for PUBLISH, first for the others. */
    int packetId() {
        if (type == Packets.PUBLISH) {
            return qos() == 0 ? 0 : u16(2 + u16(0));
        }
        return u16(0);
    }

    byte[] payload() {
        int start = 2 + u16(0) + (qos() > 0 ? 2 : 0);
        return Arrays.copyOfRange(body, start, body.length);
    }

    String text() {
        return new String(payload(), StandardCharsets.UTF_8);
    }

    /** SUBACK: one return code per requested filter. */
    List<Integer> subackCodes() {
        List<Integer> codes = new ArrayList<>();
        for (int i = 2; i < body.length; i++) {
            codes.add(body[i] & 0xFF);
        }
        return codes;
    }

    private int u16(int at) {
        return (body[at] & 0xFF) << 8 | (body[at + 1] & 0xFF);
    }

    @Override
    public String toString() {
        return type == Packets.PUBLISH
                ? "PUBLISH[topic=" + topic() + ", qos=" + qos() + ", dup=" + dup() + ", retain=" + retain()
                  + ", id=" + packetId() + ", " + payload().length + " bytes]"
                : "Packet[type=" + type + ", flags=" + flags + ", body=" + Arrays.toString(body) + "]";
    }
}
