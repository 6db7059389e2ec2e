package dev.lmqharness.suite.tests.support;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.PacketFormat;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assertions the tests share; each fails with a message that says what the broker did. */
public final class Checks {
    private Checks() {
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Byte sequences a receiver must close the connection for when they appear inside a UTF-8
     * string field (MQTT-1.5.3-1: ill-formed UTF-8 or an encoded surrogate; MQTT-1.5.3-2: U+0000),
     * each between the ASCII letters 'a' and 'b' so they sit in the middle of the field. A broker
     * that decodes leniently (replacement characters, modified UTF-8, no range check) accepts some.
     */
    public static Map<String, byte[]> invalidUtf8() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("encoded surrogate U+D800 (ED A0 80)", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        m.put("overlong '/' (C0 AF)", new byte[] {(byte) 0xC0, (byte) 0xAF});
        m.put("truncated 3-byte sequence (E2 82)", new byte[] {(byte) 0xE2, (byte) 0x82});
        m.put("byte FF", new byte[] {(byte) 0xFF});
        m.put("code point above U+10FFFF (F4 90 80 80)", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        m.put("U+0000 (00)", new byte[] {0x00});
        return m;
    }

    /** {@code prefix} (UTF-8), the bad bytes, then "b". */
    public static byte[] withBytes(String prefix, byte[] bad) {
        byte[] p = utf8(prefix);
        byte[] out = new byte[p.length + bad.length + 1];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(bad, 0, out, p.length, bad.length);
        out[out.length - 1] = 'b';
        return out;
    }

    public static int code(MqttConnAckMessage ack) {
        return ack.variableHeader().connectReturnCode().byteValue() & 0xff;
    }

    /** The server must close the connection (a protocol violation, MQTT-4.8.0-1). */
    public static void assertClosed(RawMqttClient c, SuiteContext ctx, String because) {
        if (!c.awaitClosed(ctx.timeout())) {
            throw new AssertionError(because + ": the server should have closed the connection, but it is still open after "
                    + ctx.timeout().toSeconds() + " s");
        }
    }

    /** Closed, and no CONNACK at all was sent (MQTT-3.1.4-1). */
    public static void assertClosedWithoutConnAck(RawMqttClient c, SuiteContext ctx, String because) {
        assertClosed(c, ctx, because);
        c.history().stream().filter(r -> r.type() == MqttMessageType.CONNACK).findFirst().ifPresent(r -> {
            throw new AssertionError(because + ": the server must close without CONNACK but sent " + PacketFormat.describe(r.message()));
        });
    }

    /** Closed, and no CONNACK accepted the connection (refusal codes are allowed). */
    public static void assertNotAccepted(RawMqttClient c, SuiteContext ctx, String because) {
        assertClosed(c, ctx, because);
        c.history().stream().filter(r -> r.type() == MqttMessageType.CONNACK)
                .filter(r -> code((MqttConnAckMessage) r.message()) == 0).findFirst().ifPresent(r -> {
                    throw new AssertionError(because + ": the server accepted the connection (CONNACK 0x00)");
                });
    }

    public static MqttPublishMessage publish(RawMqttClient c, SuiteContext ctx) {
        return c.expectPublish(ctx.timeout());
    }

    /**
     * PUBLISHes the server sends without our acknowledging them: at least one within the timeout,
     * then whatever more it sends until {@code max} or a quiet period passes. A server may keep
     * only one message in flight per client (MQTT 3.1.1 section 4.6), so the rest may never come.
     */
    public static List<MqttPublishMessage> unacknowledgedPublishes(RawMqttClient c, SuiteContext ctx, int max) {
        List<MqttPublishMessage> got = new ArrayList<>();
        got.add(c.expectPublish(ctx.timeout()));
        while (got.size() < max) {
            MqttMessage m = c.next(ctx.quiet());
            if (m == null) {
                break;
            }
            if (m instanceof MqttPublishMessage p) {
                got.add(p);
            }
        }
        return got;
    }

    public static String text(MqttPublishMessage p) {
        return new String(RawMqttClient.payloadOf(p), StandardCharsets.UTF_8);
    }

    /**
     * Receives PUBLISHes (acknowledging them) until one with payload {@code marker} arrives and
     * returns the payloads that came before it. A marker published after a message that must not
     * be delivered proves the broker had its chance, without waiting for a fixed time.
     */
    public static List<String> payloadsBefore(RawMqttClient c, SuiteContext ctx, String marker) {
        List<String> before = new ArrayList<>();
        while (true) {
            MqttPublishMessage p = c.expectPublish(ctx.timeout());
            c.acknowledge(p, ctx.timeout());
            String t = text(p);
            if (t.equals(marker)) {
                return before;
            }
            before.add(t);
        }
    }

    public static List<String> payloadsBefore(AppClient c, SuiteContext ctx, String marker) {
        List<String> before = new ArrayList<>();
        while (true) {
            AppMessage m = c.nextMessage(ctx.timeout());
            if (m == null) {
                throw new AssertionError(c.clientId() + ": marker '" + marker + "' did not arrive within " + ctx.timeout().toSeconds()
                        + " s (received before: " + before + ")");
            }
            if (m.text().equals(marker)) {
                return before;
            }
            before.add(m.text());
        }
    }

    public static AppMessage message(AppClient c, SuiteContext ctx) {
        AppMessage m = c.nextMessage(ctx.timeout());
        if (m == null) {
            throw new AssertionError(c.kind() + " " + c.clientId() + ": no message within " + ctx.timeout().toSeconds() + " s");
        }
        return m;
    }

    public static void assertNoMessage(AppClient c, Duration quiet, String because) {
        AppMessage m = c.nextMessage(quiet);
        if (m != null) {
            throw new AssertionError(because + ", but " + c.kind() + " received " + m.topic() + " '" + m.text() + "'");
        }
    }
}
