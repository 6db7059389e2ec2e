package dev.lmqharness.suite.tests.retain;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Retained messages (3.3.1.3, 3.1.2-7). */
@ConformanceTest
@Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
class RetainTest {

    private static void retain(SuiteContext ctx, String topic, String payload, int qos) {
        ctx.retained(topic);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, qos, true, utf8(payload), ctx.timeout());
        if (qos == 0) {
            // QoS 0 has no acknowledgement: a later QoS 1 PUBACK of the same connection shows the
            // broker has taken in the retained message before the test subscribes elsewhere.
            pub.publish(ctx.topics().topic("barrier"), 1, false, utf8("barrier"), ctx.timeout());
        }
        pub.disconnect();
    }

    @BothClients
    @Rule({"MQTT-3.3.1-5", "MQTT-3.3.1-6", "MQTT-3.3.1-8"})
    void retainedMessagesGoToNewSubscribers(ClientKind kind, SuiteContext ctx) {
        String t1 = ctx.topics().topic("r", "one");
        String t2 = ctx.topics().topic("r", "two");
        retain(ctx, t1, "first", 1);
        retain(ctx, t2, "second", 0);
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(t1, 2)).containsExactly(2);
        AppMessage m = message(sub, ctx);
        assertThat(m.text()).isEqualTo("first");
        assertThat(m.retained()).as("RETAIN on delivery caused by a new subscription").isTrue();
        assertThat(m.qos()).as("QoS stored with the retained message (published at 1, subscribed at 2)").isEqualTo(1);

        AppClient wild = ctx.appConnected(kind);
        assertThat(wild.subscribe(ctx.topics().topic("r", "+"), 1)).containsExactly(1);
        List<String> got = new ArrayList<>();
        got.add(message(wild, ctx).text());
        got.add(message(wild, ctx).text());
        assertThat(got).as("retained messages of every topic matching a new wildcard subscription")
                .containsExactlyInAnyOrder("first", "second");
    }

    @BothClients
    @Rule("MQTT-3.3.1-9")
    void deliveryToAnEstablishedSubscriptionHasRetain0(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("live");
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(topic, 1)).containsExactly(1);
        retain(ctx, topic, "live-retained", 1);
        AppMessage m = message(sub, ctx);
        assertThat(m.text()).isEqualTo("live-retained");
        assertThat(m.retained()).as("RETAIN on delivery to an established subscription").isFalse();
    }

    @Test
    @Rule("MQTT-3.3.1-7")
    void retainedQos0MessageReplacesThePreviousOne(SuiteContext ctx) {
        String topic = ctx.topics().topic("replace");
        retain(ctx, topic, "old-qos1", 1);
        retain(ctx, topic, "new-qos0", 0);
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        ctx.rawConnected().publish(topic, 1, false, utf8("marker"), ctx.timeout());
        List<String> before = payloadsBefore(sub, ctx, "marker");
        assertThat(before).as("the message retained before a QoS 0 retained message").doesNotContain("old-qos1");
        assertThat(before).isSubsetOf("new-qos0");
    }

    @BothClients
    @Rule({"MQTT-3.3.1-10", "MQTT-3.3.1-11"})
    void zeroByteRetainedMessageIsDeliveredAndClearsTheTopic(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("clear");
        retain(ctx, topic, "to-be-cleared", 1);
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(topic, 1)).containsExactly(1);
        assertThat(message(sub, ctx).text()).isEqualTo("to-be-cleared");
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, true, new byte[0], ctx.timeout());
        AppMessage cleared = message(sub, ctx);
        assertThat(cleared.payload()).as("zero-byte retained PUBLISH delivered to an existing subscriber").isEmpty();

        RawMqttClient later = ctx.rawConnected();
        later.subscribe(topic, 1, ctx.timeout());
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(later, ctx, "marker")).as("retained message after a zero-byte retained PUBLISH").isEmpty();
    }

    @Test
    @Rule("MQTT-3.3.1-12")
    void nonRetainedPublishNeitherStoresNorReplaces(SuiteContext ctx) {
        String topic = ctx.topics().topic("keep");
        retain(ctx, topic, "kept", 1);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, false, utf8("not-retained"), ctx.timeout());
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        sub.acknowledge(p, ctx.timeout());
        assertThat(text(p)).as("the retained message after a RETAIN=0 publish").isEqualTo("kept");
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).isEmpty();
    }

    @Test
    @Rule({"MQTT-3.1.2-7", "MQTT-3.3.1-8"})
    void retainedMessageSurvivesTheEndOfItsPublishersSession(SuiteContext ctx) {
        String topic = ctx.topics().topic("survivor");
        ctx.retained(topic);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, true, utf8("outlives-session"), ctx.timeout());
        pub.disconnect();
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(text(p)).as("retained message after its publisher's session ended").isEqualTo("outlives-session");
        assertThat(p.fixedHeader().isRetain()).as("RETAIN on delivery caused by a new subscription (MQTT-3.3.1-8)").isTrue();
    }

    /**
     * A retained message goes to a new subscription at the lower of its QoS and the subscription's
     * (MQTT-3.8.4-6): retained at QoS 2 and at QoS 1, subscribed at QoS 0, both arrive at QoS 0, with
     * RETAIN 1, DUP 0 and no packet identifier. A server that replays the stored QoS sends QoS 1/2.
     */
    @Test
    @Rule({"MQTT-3.8.4-6", "MQTT-3.3.1-8"})
    void retainedMessageIsDowngradedToTheSubscriptionsQos(SuiteContext ctx) {
        String t2 = ctx.topics().topic("down", "two");
        String t1 = ctx.topics().topic("down", "one");
        retain(ctx, t2, "retained-qos2", 2);
        retain(ctx, t1, "retained-qos1", 1);
        RawMqttClient sub = ctx.rawConnected();
        for (String t : new String[] {t2, t1}) {
            assertThat(sub.subscribe(t, 0, ctx.timeout())).containsExactly(0);
            MqttPublishMessage p = sub.expectPublish(ctx.timeout());
            assertThat(p.variableHeader().topicName()).isEqualTo(t);
            assertThat(p.fixedHeader().qosLevel().value()).as("QoS of '%s' delivered to a QoS 0 subscription", text(p)).isZero();
            assertThat(p.fixedHeader().isRetain()).as("RETAIN of a retained message sent for a new subscription").isTrue();
            assertThat(p.fixedHeader().isDup()).as("DUP of a QoS 0 delivery").isFalse();
        }
    }

    /**
     * One subscriber sees both RETAIN values: 1 on the retained message sent because it subscribed
     * (MQTT-3.3.1-8), 0 on a retained PUBLISH that arrives later through that same, established
     * subscription (MQTT-3.3.1-9). A server that copies the publisher's RETAIN flag, or sets it on every
     * message it has stored, gets one of them wrong.
     */
    @Test
    @Rule({"MQTT-3.3.1-8", "MQTT-3.3.1-9"})
    void retainFlagIsSetAtSubscribeAndClearedOnLiveDelivery(SuiteContext ctx) {
        String topic = ctx.topics().topic("flag");
        retain(ctx, topic, "stored", 1);
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        MqttPublishMessage stored = sub.expectPublish(ctx.timeout());
        sub.acknowledge(stored, ctx.timeout());
        assertThat(text(stored)).isEqualTo("stored");
        assertThat(stored.fixedHeader().isRetain()).as("RETAIN of the retained message sent for the new subscription").isTrue();
        ctx.rawConnected().publish(topic, 1, true, utf8("live"), ctx.timeout());
        MqttPublishMessage live = sub.expectPublish(ctx.timeout());
        sub.acknowledge(live, ctx.timeout());
        assertThat(text(live)).isEqualTo("live");
        assertThat(live.fixedHeader().isRetain()).as("RETAIN of a retained PUBLISH delivered live to an established subscription").isFalse();
    }

    /**
     * A persistent session's subscription is not new when the client reconnects: the retained message
     * it already received is not sent again (MQTT-3.3.1-6 sends it when a subscription is established).
     * A server that replays subscriptions on session resumption re-sends it here.
     */
    @Test
    @Rule("MQTT-3.3.1-6")
    void retainedMessageIsNotResentWhenAPersistentSessionResumes(SuiteContext ctx) {
        String topic = ctx.topics().topic("resume");
        retain(ctx, topic, "retained-once", 1);
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = ctx.rawConnected(spec);
        sub.subscribe(topic, 1, ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        sub.acknowledge(p, ctx.timeout());
        assertThat(text(p)).isEqualTo("retained-once");
        sub.send(Packets.pingreq());          // the PUBACK is handled before the PINGRESP
        sub.expect(MqttMessageType.PINGRESP, ctx.timeout());
        sub.disconnect();
        RawMqttClient again = ctx.raw();
        assertThat(again.connectAccepted(spec, ctx.timeout()).variableHeader().isSessionPresent())
                .as("Session Present on the reconnect of the persistent session").isTrue();
        ctx.rawConnected().publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(again, ctx, "marker")).as("messages before a live one after the session resumed (the retained message"
                + " was delivered and acknowledged before)").isEmpty();
    }
}
