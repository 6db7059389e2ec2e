package dev.lmqharness.suite.tests.qos;

import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.PacketFormat;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.unacknowledgedPublishes;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The QoS 0/1/2 flows in both directions, DUP and redelivery (3.3.1.1, 3.3.4, 4.3, 4.4). */
@ConformanceTest
@Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
class QosFlowTest {

    @Test
    @Rule({"MQTT-3.3.4-1", "MQTT-4.3.2-2", "MQTT-2.3.1-6"})
    void serverAsQos1ReceiverAnswersWithPuback(SuiteContext ctx) {
        String topic = ctx.topics().topic("q1");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(topic, 1, false, 7, utf8("first")));
        pub.expectAck(MqttMessageType.PUBACK, 7, ctx.timeout());
        // After its PUBACK the server treats the same packet identifier as a new publication.
        pub.send(Packets.publish(topic, 1, false, 7, utf8("second")));
        pub.expectAck(MqttMessageType.PUBACK, 7, ctx.timeout());
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).containsExactly("first", "second");
    }

    @Test
    @Rule({"MQTT-3.3.4-1", "MQTT-4.3.3-2", "MQTT-2.3.1-6"})
    void serverAsQos2ReceiverDeliversExactlyOnce(SuiteContext ctx) {
        String topic = ctx.topics().topic("q2");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 2, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(topic, 2, false, 9, utf8("once")));
        pub.expectAck(MqttMessageType.PUBREC, 9, ctx.timeout());
        pub.send(Packets.publish(topic, 2, false, true, 9, utf8("once")));
        pub.expectAck(MqttMessageType.PUBREC, 9, ctx.timeout());
        pub.send(Packets.pubrel(9));
        pub.expectAck(MqttMessageType.PUBCOMP, 9, ctx.timeout());
        // After PUBCOMP the identifier starts a new publication.
        pub.send(Packets.publish(topic, 2, false, 9, utf8("again")));
        pub.expectAck(MqttMessageType.PUBREC, 9, ctx.timeout());
        pub.send(Packets.pubrel(9));
        pub.expectAck(MqttMessageType.PUBCOMP, 9, ctx.timeout());
        pub.publish(topic, 2, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).containsExactly("once", "again");
    }

    @Test
    @Rule("MQTT-3.3.4-1")
    void qos0PublishGetsNoResponse(SuiteContext ctx) {
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(ctx.topics().topic("q0"), 0, false, 0, utf8("fire-and-forget")));
        pub.send(Packets.pingreq());
        pub.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }

    @Test
    @Rule({"MQTT-4.3.1-1", "MQTT-3.3.1-2"})
    void serverSendsQos0WithDup0(SuiteContext ctx) {
        String topic = ctx.topics().topic("q0");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 0, ctx.timeout());
        ctx.rawConnected().publish(topic, 1, false, utf8("down"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(p.fixedHeader().qosLevel().value()).isZero();
        assertThat(p.fixedHeader().isDup()).as("DUP of a QoS 0 PUBLISH").isFalse();
    }

    @Test
    @Rule({"MQTT-4.4.0-1", "MQTT-3.3.1-1", "MQTT-4.3.2-1", "MQTT-2.3.1-1", "MQTT-2.3.1-4"})
    void unacknowledgedQos1MessagesAreResentOnReconnect(SuiteContext ctx) {
        String topic = ctx.topics().topic("resend");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = ctx.rawConnected(spec);
        sub.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 0; i < 3; i++) {
            pub.publish(topic, 1, false, utf8("m" + i), ctx.timeout());
        }
        List<Integer> ids = new ArrayList<>();
        List<String> inFlight = new ArrayList<>();
        for (MqttPublishMessage p : unacknowledgedPublishes(sub, ctx, 3)) {
            assertThat(p.fixedHeader().qosLevel().value()).isEqualTo(1);
            assertThat(p.fixedHeader().isDup()).as("DUP of a first delivery").isFalse();
            assertThat(p.variableHeader().packetId()).as("packet identifier of a QoS 1 PUBLISH").isNotZero();
            ids.add(p.variableHeader().packetId());
            inFlight.add(text(p));
        }
        assertThat(new HashSet<>(ids)).as("identifiers of unacknowledged PUBLISHes in flight together").hasSize(ids.size());
        ctx.note(ids.size() + " of 3 PUBLISHes in flight before the connection is dropped");
        sub.close();

        RawMqttClient again = ctx.raw();
        again.connectAccepted(spec, ctx.timeout());
        // First the unacknowledged ones again, with DUP and their identifiers; then the rest, new.
        List<Integer> resent = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MqttPublishMessage p = again.expectPublish(ctx.timeout());
            if (i < ids.size()) {
                assertThat(p.fixedHeader().isDup()).as("DUP of a re-delivered PUBLISH").isTrue();
                resent.add(p.variableHeader().packetId());
            }
            all.add(text(p));
            again.send(Packets.puback(p.variableHeader().packetId()));
        }
        assertThat(resent).as("packet identifiers of the re-sent PUBLISHes").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all.subList(0, inFlight.size())).as("the re-sent messages").containsExactlyInAnyOrderElementsOf(inFlight);
        assertThat(all).as("every message, re-sent or first sent after the reconnect").containsExactlyInAnyOrder("m0", "m1", "m2");
        again.send(Packets.pingreq());
        again.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }

    @Test
    @Rule({"MQTT-4.3.3-1", "MQTT-4.4.0-1", "MQTT-2.3.1-6"})
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_QOS2_SESSION)
    void serverAsQos2SenderResendsPubrelNotPublish(SuiteContext ctx) {
        String topic = ctx.topics().topic("q2s");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = ctx.rawConnected(spec);
        sub.subscribe(topic, 2, ctx.timeout());
        ctx.rawConnected().publish(topic, 2, false, utf8("exactly-once"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(p.fixedHeader().qosLevel().value()).isEqualTo(2);
        assertThat(p.fixedHeader().isDup()).isFalse();
        int id = p.variableHeader().packetId();
        assertThat(id).isNotZero();
        sub.send(Packets.pubrec(id));
        sub.expectAck(MqttMessageType.PUBREL, id, ctx.timeout());
        sub.close();

        RawMqttClient again = ctx.raw();
        again.connectAccepted(spec, ctx.timeout());
        MqttMessage m = again.next(ctx.timeout());
        assertThat(m).as("what the server re-sends after PUBREC was acknowledged with PUBREL").isNotNull();
        assertThat(m.fixedHeader().messageType()).as("the server must re-send PUBREL, not the PUBLISH").isEqualTo(MqttMessageType.PUBREL);
        assertThat(((MqttMessageIdVariableHeader) m.variableHeader()).messageId()).as("packet identifier of the re-sent PUBREL").isEqualTo(id);
        again.send(Packets.pubcomp(id));
        again.send(Packets.pingreq());
        // A PUBREL the server re-sent before it read our PUBCOMP may still come (MQTT 3.1.1 does not
        // forbid re-sending); anything else before the PINGRESP, above all the PUBLISH, is wrong.
        long deadline = System.nanoTime() + ctx.timeout().toNanos();
        while (true) {
            MqttMessage n = again.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            assertThat(n).as("PINGRESP after PUBCOMP within %d ms (%s)", ctx.timeout().toMillis(),
                    again.isOpen() ? "not received" : "the connection was closed").isNotNull();
            if (n.fixedHeader().messageType() == MqttMessageType.PINGRESP) {
                break;
            }
            assertThat(PacketFormat.describe(n)).as("a packet after the re-sent PUBREL, before PINGRESP")
                    .isEqualTo(PacketFormat.describe(m));
        }
    }

    @Test
    @Rule("MQTT-3.3.1-3")
    void incomingDupIsNotPropagated(SuiteContext ctx) {
        String topic = ctx.topics().topic("dup");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(topic, 1, false, true, 11, utf8("dup-in")));
        pub.expectAck(MqttMessageType.PUBACK, 11, ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(text(p)).isEqualTo("dup-in");
        assertThat(p.fixedHeader().isDup()).as("DUP of a first delivery of a message that arrived with DUP=1").isFalse();
    }

    @Test
    @Rule("MQTT-3.6.1-1")
    void pubrelWithWrongFlagsClosesTheConnection(SuiteContext ctx) {
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(ctx.topics().topic("rel"), 2, false, 5, utf8("x")));
        pub.expectAck(MqttMessageType.PUBREC, 5, ctx.timeout());
        pub.sendBytes(bytes(0x60, 0x02, 0x00, 0x05), "PUBREL with flags 0000");
        assertClosed(pub, ctx, "PUBREL with reserved flags 0000");
    }

    /** The QoS 2 half of 4.4.0-1: a QoS 2 PUBLISH the client never answered is re-sent with DUP and its identifier. */
    @Test
    @Rule("MQTT-4.4.0-1")
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_QOS2_SESSION)
    void unansweredQos2PublishIsResentOnReconnect(SuiteContext ctx) {
        String topic = ctx.topics().topic("q2-resend");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = ctx.rawConnected(spec);
        sub.subscribe(topic, 2, ctx.timeout());
        ctx.rawConnected().publish(topic, 2, false, utf8("unanswered"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());       // no PUBREC
        assertThat(p.fixedHeader().isDup()).as("DUP of a first delivery").isFalse();
        int id = p.variableHeader().packetId();
        sub.close();

        RawMqttClient again = ctx.raw();
        again.connectAccepted(spec, ctx.timeout());
        MqttPublishMessage resent = again.expectPublish(ctx.timeout());
        assertThat(text(resent)).isEqualTo("unanswered");
        assertThat(resent.fixedHeader().qosLevel().value()).isEqualTo(2);
        assertThat(resent.fixedHeader().isDup()).as("DUP of a re-sent QoS 2 PUBLISH").isTrue();
        assertThat(resent.variableHeader().packetId()).as("packet identifier of the re-sent PUBLISH").isEqualTo(id);
        again.acknowledge(resent, ctx.timeout());
        again.send(Packets.pingreq());
        again.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }
}
