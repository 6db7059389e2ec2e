package dev.lmqharness.suite.tests.support;

import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.Will;

import java.util.List;

/**
 * Proves that the broker holds a client's session offline before a test publishes a message "while
 * the client is offline".
 *
 * <p>Why: {@code disconnect()} of both client libraries (and {@link RawMqttClient#disconnect()})
 * returns once DISCONNECT is written, not once the broker has handled it. A message published right
 * after it may still be routed to the live, dying connection, where it is lost, instead of to the
 * offline session. Offline tests then go green or red by chance: a broker that wrongly keeps QoS 0
 * messages offline (QoS 0 keeps no offline messages) usually passed, a message still pending on the dying connection
 * could come back at the reconnect as if it had been kept offline (HiveMQ CE), and a correct broker
 * could lose a QoS 1 message that must be kept.
 *
 * <p>How, with nothing but MQTT 3.1.1 and no sleeping: a raw connection takes over the session with
 * the same client ID and the same cleanSession flag (so the broker detaches the old connection,
 * whether or not it has read its DISCONNECT yet, MQTT-3.1.4-2 and the rulebook's collision kick), carrying a Will on a
 * fresh barrier topic; then it closes its socket without DISCONNECT. A watcher subscribed to the
 * barrier topic receives that Will only after the broker has handled the loss of the session's last
 * connection (MQTT-3.1.2-8), so from then on the session is offline. The barrier's packets are in the
 * test's exchange log. A broker that does not publish Wills fails here, with a message saying so.
 *
 * <p>Names come from the test's context: the client ID is the test's own, the barrier topic lies in
 * the test's topic space (valid under LMQ naming), and every connection carries the target's
 * credentials for its client ID (signature auth signs each). The Will and the watcher use
 * {@link SuiteContext#deliveryQos()}, QoS 0 on Lite.
 */
public final class OfflineBarrier {
    private OfflineBarrier() {
    }

    /**
     * Returns once the broker holds the session of {@code clientId} (whose last connection the test has
     * just ended) offline.
     */
    public static void awaitOffline(SuiteContext ctx, String clientId, boolean cleanSession) {
        int qos = ctx.deliveryQos();
        String topic = ctx.topics().topic("barrier");
        String payload = "offline-" + clientId;
        ctx.note("offline barrier for " + clientId + " (cleanSession=" + cleanSession + "): take over the session with a Will on "
                + topic + ", drop the socket, await the Will");

        RawMqttClient watcher = ctx.rawConnected();
        List<Integer> granted = watcher.subscribe(topic, qos, ctx.timeout());
        if (granted.size() != 1 || granted.get(0) == 0x80) {
            throw new AssertionError("offline barrier: the watcher's subscription to " + topic + " was refused: " + granted);
        }

        ConnectSpec spec = ctx.connectSpec(clientId).withCleanSession(cleanSession)
                .withWill(new Will(topic, Checks.utf8(payload), qos, false));
        RawMqttClient takeover = ctx.rawConnected(spec);
        takeover.close();

        try {
            List<String> before = Checks.payloadsBefore(watcher, ctx, payload);
            if (!before.isEmpty()) {
                ctx.note("offline barrier: other messages on the barrier topic first: " + before);
            }
        } catch (AssertionError e) {
            throw new AssertionError("offline barrier: the broker did not publish the Will of " + clientId + " within "
                    + ctx.timeout().toSeconds() + " s after its connection dropped (MQTT-3.1.2-8), so the test cannot tell when the"
                    + " session is offline: " + e.getMessage(), e);
        }
        watcher.disconnect();
        ctx.note("offline barrier for " + clientId + " passed: the session is offline");
    }
}
