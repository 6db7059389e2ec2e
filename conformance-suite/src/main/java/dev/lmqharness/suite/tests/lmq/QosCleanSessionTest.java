package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.OfflineBarrier.awaitOffline;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The six QoS x cleanSession cells (the consumer's side decides), each online and offline, with both
 * clients (LMQ-QOS-0..4).
 */
@ConformanceTest(area = "qos-cleansession")
class QosCleanSessionTest {

    static Stream<Arguments> cells() {
        List<Arguments> a = new ArrayList<>();
        for (ClientKind k : ClientKind.values()) {
            a.add(Arguments.of(k, true));
            a.add(Arguments.of(k, false));
        }
        return a.stream();
    }

    /**
     * Online: one message, delivered exactly once. Offline: the subscriber disconnects, the
     * {@link dev.lmqharness.suite.tests.support.OfflineBarrier} proves its session is offline, a message
     * is published, the subscriber reconnects with the same flag; {@code kept} says whether the rulebook
     * keeps it.
     */
    private static void cell(SuiteContext ctx, ClientKind kind, int qos, boolean cleanSession, boolean kept) {
        String topic = ctx.topics().topic("cell");
        String control = ctx.topics().topic("control");
        AppClient sub = ctx.app(kind);
        ctx.connect(sub, cleanSession);
        assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
        assertThat(sub.subscribe(control, qos)).containsExactly(qos);
        AppClient pub = ctx.appConnected(kind);

        pub.publish(topic, utf8("online"), qos, false);
        pub.publish(control, utf8("marker-online"), qos, false);
        assertThat(payloadsBefore(sub, ctx, "marker-online")).as("online delivery, QoS %d cleanSession=%s", qos, cleanSession)
                .containsExactly("online");

        sub.disconnect();
        awaitOffline(ctx, sub.clientId(), cleanSession);
        pub.publish(topic, utf8("offline"), qos, false);
        ctx.connect(sub, cleanSession);
        if (kept) {
            // The subscriptions survived: no re-subscribe before the marker.
            pub.publish(control, utf8("marker-offline"), qos, false);
            assertThat(payloadsBefore(sub, ctx, "marker-offline")).as("offline message kept, QoS %d cleanSession=%s", qos, cleanSession)
                    .containsExactly("offline");
        } else {
            assertThat(sub.subscribe(control, qos)).containsExactly(qos);
            pub.publish(control, utf8("marker-offline"), qos, false);
            assertThat(payloadsBefore(sub, ctx, "marker-offline")).as("offline messages, QoS %d cleanSession=%s", qos, cleanSession)
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} cleanSession={1}")
    @MethodSource("cells")
    @Rule("LMQ-QOS-0")
    void qos0(ClientKind kind, boolean cleanSession, SuiteContext ctx) {
        cell(ctx, kind, 0, cleanSession, false);
    }

    @ParameterizedTest(name = "{0} cleanSession={1}")
    @MethodSource("cells")
    @Rule("LMQ-QOS-1")
    void qos1(ClientKind kind, boolean cleanSession, SuiteContext ctx) {
        cell(ctx, kind, 1, cleanSession, !cleanSession);
    }

    @ParameterizedTest(name = "{0} cleanSession={1}")
    @MethodSource("cells")
    @Rule("LMQ-QOS-2")
    void qos2(ClientKind kind, boolean cleanSession, SuiteContext ctx) {
        cell(ctx, kind, 2, cleanSession, false);
    }

    @BothClients
    @Rule("LMQ-QOS-3")
    void switchingToCleanSessionDiscardsTheSession(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("switch");
        String control = ctx.topics().topic("control");
        AppClient sub = ctx.app(kind);
        ctx.connect(sub, false);
        assertThat(sub.subscribe(topic, 1)).containsExactly(1);
        sub.disconnect();
        awaitOffline(ctx, sub.clientId(), false);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(topic, utf8("queued"), 1, false);
        ctx.connect(sub, true);
        assertThat(sub.subscribe(control, 1)).containsExactly(1);
        pub.publish(topic, utf8("after-switch"), 1, false);
        pub.publish(control, utf8("marker"), 1, false);
        assertThat(payloadsBefore(sub, ctx, "marker")).as("messages of the discarded persistent session").isEmpty();
        sub.disconnect();
        ctx.connect(sub, false);
        assertThat(sub.subscribe(control, 1)).containsExactly(1);
        pub.publish(topic, utf8("old-subscription"), 1, false);
        pub.publish(control, utf8("marker2"), 1, false);
        assertThat(payloadsBefore(sub, ctx, "marker2")).as("the old subscription after switching back to cleanSession=false").isEmpty();
    }

    @BothClients
    @Rule({"LMQ-QOS-4", "LMQ-P2P-2"})
    void forP2pTheReceiversCleanSessionDecides(ClientKind kind, SuiteContext ctx) {
        AppClient pub = ctx.appConnected(kind);
        for (boolean cleanSession : new boolean[] {true, false}) {
            AppClient receiver = ctx.app(kind);
            String p2p = ctx.topics().p2p(receiver.clientId());
            ctx.connect(receiver, cleanSession);
            receiver.disconnect();
            awaitOffline(ctx, receiver.clientId(), cleanSession);
            pub.publish(p2p, utf8("while-offline"), 1, false);
            ctx.connect(receiver, cleanSession);
            pub.publish(p2p, utf8("marker"), 1, false);
            List<String> before = payloadsBefore(receiver, ctx, "marker");
            if (cleanSession) {
                assertThat(before).as("P2P message to an offline receiver with cleanSession=true").isEmpty();
            } else {
                assertThat(before).as("P2P QoS1 message to an offline receiver with cleanSession=false").containsExactly("while-offline");
            }
        }
    }
}
