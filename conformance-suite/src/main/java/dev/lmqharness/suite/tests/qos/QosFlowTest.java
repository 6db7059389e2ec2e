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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The server never gives two messages in flight to one client the same Packet Identifier
     * (MQTT-2.3.1-4 with 2.3.1-2): QoS 1 and QoS 2 deliveries are held in every unfinished state at
     * once (QoS 1 without PUBACK, QoS 2 without PUBREC, QoS 2 after PUBREC with its PUBREL unanswered)
     * and their identifiers must all differ. A server that counts identifiers per subscription, per
     * QoS, or frees them at PUBREC reuses one here. With only one message in flight (which section
     * 4.6 allows) nothing could collide, so the test skips then, saying so.
     */
    @Test
    @Rule({"MQTT-2.3.1-4", "MQTT-2.3.1-6"})
    void identifiersOfMessagesInFlightTogetherAreDistinct(SuiteContext ctx) {
        String t1 = ctx.topics().topic("if1");
        String t2 = ctx.topics().topic("if2");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(ctx.timeout(), new Packets.Sub(t1, 1), new Packets.Sub(t2, 2));
        RawMqttClient pub = ctx.rawConnected();
        int n = 4;
        for (int i = 0; i < n; i++) {
            pub.publish(t1, 1, false, utf8("q1-" + i), ctx.timeout());
            pub.publish(t2, 2, false, utf8("q2-" + i), ctx.timeout());
        }
        Map<Integer, MqttPublishMessage> inFlight = new LinkedHashMap<>();
        Set<Integer> released = new HashSet<>();
        Duration wait = ctx.timeout();
        while (inFlight.size() < 2 * n) {
            MqttMessage m = sub.next(wait);
            if (m == null) {
                break;
            }
            wait = ctx.quiet();
            if (m instanceof MqttPublishMessage p) {
                int id = p.variableHeader().packetId();
                assertThat(id).as("packet identifier of a QoS %d PUBLISH", p.fixedHeader().qosLevel().value()).isNotZero();
                MqttPublishMessage earlier = inFlight.get(id);
                if (earlier != null) {
                    throw new AssertionError("packet identifier " + id + " of '" + text(p) + "' is still in use by '" + text(earlier)
                            + "' (QoS " + earlier.fixedHeader().qosLevel().value() + ", " + (released.contains(id) ? "PUBREL unanswered"
                            : "not acknowledged") + "): the server reused an identifier in flight");
                }
                inFlight.put(id, p);
                if (p.fixedHeader().qosLevel().value() == 2) {
                    sub.send(Packets.pubrec(id));
                }
            } else if (m.fixedHeader().messageType() == MqttMessageType.PUBREL) {
                released.add(((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
            }
        }
        ctx.note(inFlight.size() + " of " + (2 * n) + " PUBLISHes in flight together, identifiers " + inFlight.keySet());
        if (inFlight.size() < 2) {
            ctx.skip("the target keeps only one message in flight per client (section 4.6 allows it), so no two identifiers are in use"
                    + " at once to compare");
        }
        // Finish every flow, then the rest (if the window was smaller) must come, each message once.
        List<String> got = new ArrayList<>();
        for (Map.Entry<Integer, MqttPublishMessage> e : inFlight.entrySet()) {
            got.add(text(e.getValue()));
            if (e.getValue().fixedHeader().qosLevel().value() == 1) {
                sub.send(Packets.puback(e.getKey()));
            } else {
                if (!released.contains(e.getKey())) {
                    sub.await(MqttMessageType.PUBREL, e.getKey(), ctx.timeout());
                }
                sub.send(Packets.pubcomp(e.getKey()));
            }
        }
        pub.publish(t1, 1, false, utf8("marker"), ctx.timeout());
        got.addAll(payloadsBefore(sub, ctx, "marker"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add("q1-" + i);
            expected.add("q2-" + i);
        }
        assertThat(got).as("every message delivered once").containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The server as receiver keeps QoS 1 and QoS 2 flows of one client apart by Packet Identifier,
     * including the largest one, 65535, and the wrap-around to 1: QoS 2 flows with 65535 and 2 are open
     * (PUBREC received, no PUBREL yet) while QoS 1 PUBLISHes with 1 and 65534 are acknowledged; then
     * the QoS 2 flows complete in reverse order. Each acknowledgement carries its PUBLISH's identifier
     * and each message is delivered once.
     */
    @Test
    @Rule({"MQTT-2.3.1-6", "MQTT-4.3.2-2", "MQTT-4.3.3-2"})
    void mixedQos1And2FlowsWithIdentifiersAtTheEdge(SuiteContext ctx) {
        String topic = ctx.topics().topic("edge");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(topic, 2, false, 65535, utf8("q2-65535")));
        pub.await(MqttMessageType.PUBREC, 65535, ctx.timeout());
        pub.send(Packets.publish(topic, 1, false, 1, utf8("q1-1")));
        pub.await(MqttMessageType.PUBACK, 1, ctx.timeout());
        pub.send(Packets.publish(topic, 2, false, 2, utf8("q2-2")));
        pub.await(MqttMessageType.PUBREC, 2, ctx.timeout());
        pub.send(Packets.publish(topic, 1, false, 65534, utf8("q1-65534")));
        pub.await(MqttMessageType.PUBACK, 65534, ctx.timeout());
        pub.send(Packets.pubrel(2));
        pub.await(MqttMessageType.PUBCOMP, 2, ctx.timeout());
        pub.send(Packets.pubrel(65535));
        pub.await(MqttMessageType.PUBCOMP, 65535, ctx.timeout());
        // 65535 wraps to 1 again, now free: a new message.
        pub.send(Packets.publish(topic, 1, false, 65535, utf8("q1-65535")));
        pub.await(MqttMessageType.PUBACK, 65535, ctx.timeout());
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).as("messages of the mixed flows, each once")
                .containsExactlyInAnyOrder("q2-65535", "q1-1", "q2-2", "q1-65534", "q1-65535");
    }

    /**
     * A QoS 2 message the server has taken in (PUBREC sent) belongs to the session: when the client
     * reconnects with CleanSession 0 and re-sends the PUBLISH with DUP, or re-sends the PUBREL the
     * server has already answered, no second copy goes to the subscriber (MQTT-4.3.3-2, the QoS 2 state
     * of 4.1). A server that forgets the identifier at the reconnect delivers the message twice.
     */
    @Test
    @Rule({"MQTT-4.3.3-2", "MQTT-4.1.0-1", "MQTT-4.4.0-1"})
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_QOS2_SESSION)
    void qos2FromAClientIsDeliveredOnceAcrossAReconnect(SuiteContext ctx) {
        String topic = ctx.topics().topic("q2-again");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 2, ctx.timeout());
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);

        // Case 1: PUBREC received, connection lost, PUBLISH re-sent with DUP, then PUBREL.
        RawMqttClient pub = ctx.rawConnected(spec);
        pub.send(Packets.publish(topic, 2, false, 21, utf8("resent-publish")));
        pub.await(MqttMessageType.PUBREC, 21, ctx.timeout());
        pub.close();
        RawMqttClient again = ctx.raw();
        assertThat(again.connectAccepted(spec, ctx.timeout()).variableHeader().isSessionPresent())
                .as("Session Present on the publisher's reconnect").isTrue();
        again.send(Packets.publish(topic, 2, false, true, 21, utf8("resent-publish")));
        again.await(MqttMessageType.PUBREC, 21, ctx.timeout());
        again.send(Packets.pubrel(21));
        again.await(MqttMessageType.PUBCOMP, 21, ctx.timeout());

        // Case 2: PUBREL sent and answered, connection lost before the client saw PUBCOMP: PUBREL re-sent.
        again.send(Packets.publish(topic, 2, false, 22, utf8("resent-pubrel")));
        again.await(MqttMessageType.PUBREC, 22, ctx.timeout());
        again.send(Packets.pubrel(22));
        again.await(MqttMessageType.PUBCOMP, 22, ctx.timeout());
        again.close();
        RawMqttClient third = ctx.raw();
        third.connectAccepted(spec, ctx.timeout());
        third.send(Packets.pubrel(22));
        third.await(MqttMessageType.PUBCOMP, 22, ctx.timeout());

        third.publish(topic, 2, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).as("deliveries of QoS 2 messages whose PUBLISH or PUBREL was re-sent after a reconnect")
                .containsExactly("resent-publish", "resent-pubrel");
    }

    /**
     * Until the PUBREL, the QoS 2 receiver answers any PUBLISH with the same identifier with PUBREC
     * and delivers nothing more (MQTT-4.3.3-2): not only a re-send with DUP 1, but also a PUBLISH with
     * DUP 0 and another payload that reuses the identifier while it is in flight. A server that keys
     * its duplicate check on the DUP flag, or frees the identifier at PUBREC, delivers two messages.
     */
    @Test
    @Rule("MQTT-4.3.3-2")
    void qos2IdentifierReusedBeforePubrelGivesOneDelivery(SuiteContext ctx) {
        String topic = ctx.topics().topic("q2-reuse");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 2, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.send(Packets.publish(topic, 2, false, 31, utf8("first")));
        pub.expectAck(MqttMessageType.PUBREC, 31, ctx.timeout());
        pub.send(Packets.publish(topic, 2, false, 31, utf8("reused-id")));
        pub.expectAck(MqttMessageType.PUBREC, 31, ctx.timeout());
        pub.send(Packets.pubrel(31));
        pub.expectAck(MqttMessageType.PUBCOMP, 31, ctx.timeout());
        pub.publish(topic, 2, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).as("deliveries of a QoS 2 flow whose identifier was sent twice before PUBREL")
                .hasSize(1);
    }
}
