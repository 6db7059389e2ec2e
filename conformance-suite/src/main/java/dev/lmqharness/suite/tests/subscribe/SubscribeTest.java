package dev.lmqharness.suite.tests.subscribe;

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
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.withBytes;
import static dev.lmqharness.suite.tests.support.Checks.invalidUtf8;
import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static dev.lmqharness.kit.wire.RawBytes.u8;
import static org.assertj.core.api.Assertions.assertThat;

/** SUBSCRIBE and SUBACK (3.8, 3.9, 3.3.5). */
@ConformanceTest
class SubscribeTest {

    @Test
    @Rule("MQTT-3.8.1-1")
    void subscribeWithWrongFixedHeaderFlagsCloses(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.sendBytes(packet(0x80, u16(1), str(ctx.topics().topic("f")), u8(0)), "SUBSCRIBE with flags 0000");
        assertClosed(c, ctx, "SUBSCRIBE with reserved flags 0000");
    }

    @Test
    @Rule({"MQTT-3.8.3-1", "MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    void topicFilterMustBeWellFormedUtf8(SuiteContext ctx) {
        invalidUtf8().forEach((what, bad) -> {
            RawMqttClient c = ctx.rawConnected();
            c.sendBytes(packet(0x82, u16(1), field(withBytes(ctx.topics().topic("f"), bad)), u8(0)), "SUBSCRIBE to a filter holding " + what);
            assertClosed(c, ctx, "a topic filter with " + what);
            assertThat(c.history().stream().map(r -> r.type()).toList())
                    .as("packets of the server after a SUBSCRIBE to a filter holding %s (it must close, not SUBACK)", what)
                    .doesNotContain(MqttMessageType.SUBACK);
        });
    }

    @Test
    @Rule("MQTT-3.8.3-3")
    void subscribeWithoutFiltersIsAProtocolViolation(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.sendBytes(packet(0x82, u16(1)), "SUBSCRIBE with no Topic Filter");
        assertClosed(c, ctx, "SUBSCRIBE without payload");
    }

    @Test
    @Rule("MQTT-3.8.3-4")
    void reservedBitsOrQos3InARequestAreMalformed(SuiteContext ctx) {
        RawMqttClient reserved = ctx.rawConnected();
        reserved.sendBytes(packet(0x82, u16(1), str(ctx.topics().topic("r")), u8(0x05)), "SUBSCRIBE requesting 0x05 (reserved bit 2 set)");
        assertClosed(reserved, ctx, "a reserved bit set in the requested QoS byte");
        RawMqttClient qos3 = ctx.rawConnected();
        qos3.sendBytes(packet(0x82, u16(1), str(ctx.topics().topic("r")), u8(0x03)), "SUBSCRIBE requesting QoS 3");
        assertClosed(qos3, ctx, "requested QoS 3");
    }

    @Test
    @Rule({"MQTT-3.8.4-1", "MQTT-3.8.4-2", "MQTT-2.3.1-7"})
    void subackCarriesTheSubscribePacketIdentifier(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.send(Packets.subscribe(4242, new Packets.Sub(ctx.topics().topic("id"), 1)));
        MqttSubAckMessage ack = c.expect(MqttMessageType.SUBACK, ctx.timeout());
        assertThat(ack.variableHeader().messageId()).isEqualTo(4242);
    }

    @BothClients
    @Rule("MQTT-3.8.3-2")
    void wildcardFiltersAreSupportedOrRejected(ClientKind kind, SuiteContext ctx) {
        AppClient sub = ctx.appConnected(kind);
        List<Integer> plus = sub.subscribe(ctx.topics().topic("+", "w"), 1);
        List<Integer> hash = sub.subscribe(ctx.topics().topic("h", "#"), 1);
        if (plus.get(0) == 0x80 || hash.get(0) == 0x80) {
            assertThat(List.of(plus.get(0), hash.get(0))).as("a server without wildcard support rejects every wildcard filter")
                    .containsOnly(0x80);
            return;
        }
        AppClient pub = ctx.appConnected(kind);
        pub.publish(ctx.topics().topic("a", "w"), utf8("plus"), 1, false);
        pub.publish(ctx.topics().topic("h", "x", "y"), utf8("hash"), 1, false);
        List<String> got = List.of(message(sub, ctx).text(), message(sub, ctx).text());
        assertThat(got).containsExactlyInAnyOrder("plus", "hash");
    }

    @Test
    @Rule({"MQTT-3.8.4-3", "MQTT-3.3.1-8"})
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
    void identicalFilterReplacesTheSubscription(SuiteContext ctx) {
        String topic = ctx.topics().topic("replace");
        ctx.retained(topic);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, true, utf8("retained"), ctx.timeout());
        RawMqttClient sub = ctx.rawConnected();
        assertThat(sub.subscribe(topic, 0, ctx.timeout())).containsExactly(0);
        MqttPublishMessage first = sub.expectPublish(ctx.timeout());
        assertThat(text(first)).isEqualTo("retained");
        assertThat(first.fixedHeader().qosLevel().value()).isZero();

        assertThat(sub.subscribe(topic, 1, ctx.timeout())).containsExactly(1);
        MqttPublishMessage again = sub.expectPublish(ctx.timeout());
        sub.acknowledge(again, ctx.timeout());
        assertThat(text(again)).as("retained message re-sent on re-subscription").isEqualTo("retained");
        assertThat(again.fixedHeader().isRetain()).as("RETAIN of the re-sent retained message (MQTT-3.3.1-8)").isTrue();
        assertThat(again.fixedHeader().qosLevel().value()).as("QoS of the replaced subscription").isEqualTo(1);

        pub.publish(topic, 1, false, utf8("after"), ctx.timeout());
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        MqttPublishMessage after = sub.expectPublish(ctx.timeout());
        sub.acknowledge(after, ctx.timeout());
        assertThat(text(after)).isEqualTo("after");
        assertThat(after.fixedHeader().qosLevel().value()).isEqualTo(1);
        MqttPublishMessage next = sub.expectPublish(ctx.timeout());
        assertThat(text(next)).as("the replaced subscription must not deliver a second copy").isEqualTo("marker");
    }

    @Test
    @Rule({"MQTT-3.8.4-4", "MQTT-3.8.4-5", "MQTT-3.9.3-1", "MQTT-3.9.3-2"})
    void multipleFiltersGetOneSubackInOrder(SuiteContext ctx) {
        int[] requested = {2, 0, 1};
        String[] topics = {ctx.topics().topic("m0"), ctx.topics().topic("m1"), ctx.topics().topic("m2")};
        RawMqttClient sub = ctx.rawConnected();
        List<Integer> codes = sub.subscribe(ctx.timeout(), new Packets.Sub(topics[0], 2), new Packets.Sub(topics[1], 0),
                new Packets.Sub(topics[2], 1));
        assertThat(codes).as("one return code per filter").hasSize(3);
        assertThat(codes).as("SUBACK return codes").allMatch(c -> c == 0 || c == 1 || c == 2 || c == 0x80);
        for (int i = 0; i < 3; i++) {
            assertThat(codes.get(i)).as("granted QoS for filter %d", i).isIn(0x80, 0, 1, 2);
            if (codes.get(i) != 0x80) {
                assertThat(codes.get(i)).isLessThanOrEqualTo(requested[i]);
            }
        }
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 0; i < 3; i++) {
            if (codes.get(i) == 0x80) {
                continue;
            }
            pub.publish(topics[i], 2, false, utf8("to" + i), ctx.timeout());
            MqttPublishMessage p = sub.expectPublish(ctx.timeout());
            sub.acknowledge(p, ctx.timeout());
            assertThat(text(p)).isEqualTo("to" + i);
            assertThat(p.fixedHeader().qosLevel().value()).as("QoS delivered through filter %d equals its return code", i)
                    .isEqualTo(codes.get(i));
        }
    }

    @BothClients
    @Rule("MQTT-3.8.4-6")
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
    void deliveredQosIsTheMinimumOfPublishedAndGranted(ClientKind kind, SuiteContext ctx) {
        String t1 = ctx.topics().topic("granted1");
        String t0 = ctx.topics().topic("granted0");
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(t1, 1)).containsExactly(1);
        assertThat(sub.subscribe(t0, 0)).containsExactly(0);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(t1, utf8("q2-to-1"), 2, false);
        AppMessage a = message(sub, ctx);
        pub.publish(t0, utf8("q1-to-0"), 1, false);
        AppMessage b = message(sub, ctx);
        pub.publish(t1, utf8("q0-to-1"), 0, false);
        AppMessage c = message(sub, ctx);
        assertThat(List.of(a.qos(), b.qos(), c.qos())).as("delivered QoS of (2 to 1), (1 to 0), (0 to 1)").containsExactly(1, 0, 0);
    }

    @BothClients
    @Rule("MQTT-3.3.5-1")
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
    void overlappingSubscriptionsDeliverAtTheMaximumQos(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("o", "x");
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(ctx.topics().topic("o", "#"), 0)).containsExactly(0);
        assertThat(sub.subscribe(topic, 2)).containsExactly(2);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(topic, utf8("overlap"), 2, false);
        // Copies through the two subscriptions may arrive in any order: wait for the QoS 2 one.
        List<AppMessage> copies = new ArrayList<>();
        while (copies.stream().noneMatch(m -> m.qos() == 2)) {
            AppMessage m = sub.nextMessage(ctx.timeout());
            if (m == null) {
                throw new AssertionError("no copy at QoS 2 (the maximum of the matching subscriptions) within "
                        + ctx.timeout().toSeconds() + " s; copies received: " + copies.stream().map(AppMessage::qos).toList());
            }
            assertThat(m.text()).isEqualTo("overlap");
            copies.add(m);
        }
    }
}
