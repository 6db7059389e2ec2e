package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.OfflineBarrier.awaitOffline;
import static dev.lmqharness.suite.tests.support.Checks.text;
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

    /**
     * A P2P message has no subscription, so its own QoS meets the receiver's cleanSession: of QoS 0,
     * 2 and 1 messages to an offline cleanSession=false receiver only the QoS 1 one is kept (LMQ-QOS-0,
     * LMQ-QOS-2: no offline messages at QoS 0, cleanSession=false does not take effect at QoS 2).
     */
    @BothClients
    @Rule({"LMQ-QOS-4", "LMQ-P2P-2"})
    void p2pMessagesAtQos0And2AreNotKeptForAnOfflineReceiver(ClientKind kind, SuiteContext ctx) {
        AppClient pub = ctx.appConnected(kind);
        AppClient receiver = ctx.app(kind);
        String p2p = ctx.topics().p2p(receiver.clientId());
        ctx.connect(receiver, false);
        receiver.disconnect();
        awaitOffline(ctx, receiver.clientId(), false);
        pub.publish(p2p, utf8("offline-qos0"), 0, false);
        pub.publish(p2p, utf8("offline-qos2"), 2, false);
        pub.publish(p2p, utf8("offline-qos1"), 1, false);
        ctx.connect(receiver, false);
        pub.publish(p2p, utf8("marker"), 1, false);
        assertThat(payloadsBefore(receiver, ctx, "marker"))
                .as("P2P messages at QoS 0, 2 and 1 to an offline cleanSession=false receiver: only QoS 1 is kept")
                .containsExactly("offline-qos1");
    }

    /**
     * LMQ-QOS-2 at the wire: a QoS 2 delivery to a cleanSession=false subscriber that was cut off
     * before PUBREC is not resumed at the next connect (cleanSession=false does not take effect),
     * where plain MQTT would re-send it (MQTT-4.4.0-1).
     */
    @Test
    @Rule("LMQ-QOS-2")
    void qos2DeliveryCutOffIsNotResumedAtTheNextConnect(SuiteContext ctx) {
        String topic = ctx.topics().topic("cut");
        String control = ctx.topics().topic("control");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = ctx.rawConnected(spec);
        assertThat(sub.subscribe(topic, 2, ctx.timeout())).containsExactly(2);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 2, false, utf8("cut-off"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());      // never answered with PUBREC
        assertThat(text(p)).isEqualTo("cut-off");
        sub.close();
        awaitOffline(ctx, spec.clientId(), false);
        RawMqttClient again = ctx.raw();
        again.connectAccepted(spec, ctx.timeout());
        assertThat(again.subscribe(control, 1, ctx.timeout())).containsExactly(1);
        pub.publish(control, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(again, ctx, "marker"))
                .as("a QoS 2 delivery cut off before PUBREC, resumed for a cleanSession=false subscriber").isEmpty();
    }
}
