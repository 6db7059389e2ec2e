package dev.lmqharness.suite.tests.support;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.LocallyRefusedException;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.PacketFormat;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.RawMqttClient.Received;
import dev.lmqharness.kit.wire.Will;
import dev.lmqharness.suite.junit.SuiteContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static org.assertj.core.api.Assertions.assertThat;

/** What the rulebook's decisions let the suite accept: a refusal may be SUBACK 0x80 or a closed connection. */
public final class LmqChecks {
    private LmqChecks() {
    }

    /** True if the subscription was refused (SUBACK 0x80, or the server dropped the connection). */
    public static boolean subscriptionRefused(AppClient c, String filter, int qos) {
        try {
            List<Integer> codes = c.subscribe(filter, qos);
            return codes.size() == 1 && codes.get(0) == 0x80;
        } catch (AssertionError e) {
            if (!c.isConnected()) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Publishes where the server may refuse: MQTT 3.1.1 has no negative acknowledgement, so a server
     * that does not take a PUBLISH must either acknowledge it as usual or close the connection
     * (MQTT-3.3.5-2). At QoS 1 and 2 the flow must therefore complete or the connection must end
     * within the timeout; a server that neither acknowledges nor closes fails here. A QoS 0 PUBLISH
     * has no acknowledgement, so nothing is required of it. A local refusal by the client library
     * (which never sent the packet) is noted.
     */
    public static void publishMayBeRefused(SuiteContext ctx, AppClient c, String topic, byte[] payload, int qos) {
        try {
            c.publish(topic, payload, qos, false);
        } catch (AssertionError e) {
            if (qos > 0 && c.isConnected() && !c.awaitConnectionLost(ctx.quiet())) {
                throw new AssertionError("a refused QoS " + qos + " PUBLISH to " + topic + " must be acknowledged or the connection"
                        + " closed (MQTT-3.3.5-2), but within " + ctx.timeout().toMillis() + " ms (+ " + ctx.quiet().toMillis()
                        + " ms) the server did neither: " + e.getMessage(), e);
            }
            ctx.note("publish to " + topic + " ended with: " + e.getMessage());
        } catch (LocallyRefusedException e) {
            ctx.note("the client refused to publish to " + topic + " itself: " + e.getMessage());
        }
    }

    /** {@code prefix} padded with 'x' to exactly {@code length} characters. */
    public static String padTo(String prefix, int length) {
        if (prefix.length() > length) {
            throw new IllegalArgumentException(prefix + " is already longer than " + length);
        }
        return prefix + "x".repeat(length - prefix.length());
    }

    /**
     * Asserts that a Will the server must not publish (bad topic, payload over the limit) reaches no
     * one: a raw client connects with it (the server may refuse the CONNECT or accept it) and drops
     * its socket; then a client with the same ID connects with a valid sentinel Will on
     * {@code sentinelTopic} and drops too. The server ends the first connection before it runs the
     * second, so a bad Will, if published at all, comes before the sentinel at {@code watcher}
     * (subscribed to both topics at the Will's QoS).
     */
    public static void assertWillDeliveredToNoOne(SuiteContext ctx, RawMqttClient watcher, Will bad, String sentinelTopic) {
        assertWillDeliveredToNoOne(ctx, watcher, ctx.connectSpec(ctx.clientId()), bad, sentinelTopic);
    }

    /** The same with the dying client's own CONNECT (client ID, credentials) in {@code base}. */
    public static void assertWillDeliveredToNoOne(SuiteContext ctx, RawMqttClient watcher, ConnectSpec base, Will bad,
                                                  String sentinelTopic) {
        RawMqttClient dying = ctx.raw();
        dying.send(Packets.connect(base.withWill(bad)));
        Received answer = dying.nextReceived(ctx.timeout());   // CONNACK (any code), or null once closed
        ctx.note("CONNECT with the Will on " + bad.topic() + " (" + bad.payload().length + " bytes): "
                + (answer == null ? "closed without CONNACK" : PacketFormat.describe(answer.message())));
        dying.close();
        RawMqttClient sentinel = ctx.rawConnected(base
                .withWill(new Will(sentinelTopic, "sentinel".getBytes(StandardCharsets.UTF_8), bad.qos(), false)));
        sentinel.close();
        assertThat(payloadsBefore(watcher, ctx, "sentinel"))
                .as("messages before the sentinel Will: the Will on %s must reach no one", bad.topic()).isEmpty();
    }
}
