package dev.lmqharness.suite.tests.ordering;

import dev.lmqharness.kit.client.AppClient;
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
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.unacknowledgedPublishes;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Message ordering (4.6) and the ordered, lossless stream (7.1.1). */
@ConformanceTest
@Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
class OrderingTest {

    static final int COUNT = 30;

    @BothClients
    @Rule({"MQTT-4.6.0-5", "MQTT-4.6.0-6", "MQTT-7.1.1-1"})
    void messagesFromOnePublisherArriveInOrder(ClientKind kind, SuiteContext ctx) {
        AppClient sub = ctx.appConnected(kind);
        AppClient pub = ctx.appConnected(kind);
        for (int qos = 0; qos <= 2; qos++) {
            String topic = ctx.topics().topic("order" + qos);
            assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
            for (int i = 0; i < COUNT; i++) {
                pub.publish(topic, utf8(qos + ":" + i), qos, false);
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                got.add(message(sub, ctx).text());
            }
            int q = qos;
            assertThat(got).as("QoS %d messages of one publisher, in the order received", qos)
                    .containsExactlyElementsOf(IntStream.range(0, COUNT).mapToObj(i -> q + ":" + i).toList());
        }
    }

    @Test
    @Rule("MQTT-4.6.0-1")
    void resentMessagesKeepTheirOrder(SuiteContext ctx) {
        String topic = ctx.topics().topic("resend-order");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = ctx.rawConnected(spec);
        sub.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 0; i < 5; i++) {
            pub.publish(topic, 1, false, utf8("r" + i), ctx.timeout());
        }
        // Whatever the server has in flight (it may keep only one, section 4.6) stays unacknowledged.
        ctx.note(unacknowledgedPublishes(sub, ctx, 5).size() + " of 5 PUBLISHes in flight before the connection is dropped");
        sub.close();
        RawMqttClient again = ctx.raw();
        again.connectAccepted(spec, ctx.timeout());
        List<String> resent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MqttPublishMessage p = again.expectPublish(ctx.timeout());
            resent.add(text(p));
            again.send(Packets.puback(p.variableHeader().packetId()));
        }
        assertThat(resent).as("order of re-sent PUBLISHes").containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    /**
     * The acknowledgement order of section 4.6 as far as a server shows it: the PUBACKs and PUBRECs it
     * sends for a client's QoS 1 and QoS 2 PUBLISHes sent back to back come in the order of those
     * PUBLISHes (4.6.0-2, 4.6.0-3), and as the sender of QoS 2 deliveries it sends the PUBRELs in the
     * order it received the subscriber's PUBRECs (4.6.0-4), which 4.6.0-6 makes the server follow when
     * it delivers. The statements name the Client; the catalogue records why they are judged here. A
     * server that acknowledges from several threads, or releases by identifier, breaks the order.
     */
    @Test
    @Rule({"MQTT-4.6.0-2", "MQTT-4.6.0-3", "MQTT-4.6.0-4", "MQTT-4.6.0-6"})
    void acknowledgementsFollowTheOrderOfWhatTheyAnswer(SuiteContext ctx) {
        String topic = ctx.topics().topic("ack-order");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 2, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        List<Integer> sent = List.of(7, 3, 9, 1, 5);
        for (int id : sent) {
            pub.send(Packets.publish(topic, 1, false, id, utf8("q1-" + id)));
        }
        assertThat(ackIds(pub, ctx, MqttMessageType.PUBACK, sent.size())).as("PUBACK order for QoS 1 PUBLISHes sent with ids %s", sent)
                .containsExactlyElementsOf(sent);
        List<Integer> sent2 = List.of(17, 13, 19, 11, 15);
        for (int id : sent2) {
            pub.send(Packets.publish(topic, 2, false, id, utf8("q2-" + id)));
        }
        assertThat(ackIds(pub, ctx, MqttMessageType.PUBREC, sent2.size())).as("PUBREC order for QoS 2 PUBLISHes sent with ids %s", sent2)
                .containsExactlyElementsOf(sent2);
        for (int id : sent2) {
            pub.send(Packets.pubrel(id));
        }
        ackIds(pub, ctx, MqttMessageType.PUBCOMP, sent2.size());

        // The subscriber's side: take the QoS 1 deliveries, then hold the QoS 2 ones and answer them with PUBRECs in reverse.
        List<Integer> q2 = new ArrayList<>();
        Duration wait = ctx.timeout();
        int seen = 0;
        while (seen < sent.size() + sent2.size()) {
            MqttMessage m = sub.next(wait);
            if (m == null) {
                break;
            }
            if (m instanceof MqttPublishMessage p) {
                seen++;
                if (p.fixedHeader().qosLevel().value() == 1) {
                    sub.send(Packets.puback(p.variableHeader().packetId()));
                } else {
                    q2.add(p.variableHeader().packetId());
                    wait = ctx.quiet();
                }
            }
        }
        if (q2.size() < 2) {
            ctx.skip("the target kept " + q2.size() + " QoS 2 delivery in flight, so the order of its PUBRELs cannot be compared with ours"
                    + " (PUBACK and PUBREC order were checked)");
        }
        List<Integer> recs = new ArrayList<>(q2);
        java.util.Collections.reverse(recs);
        for (int id : recs) {
            sub.send(Packets.pubrec(id));
        }
        List<Integer> rels = ackIds(sub, ctx, MqttMessageType.PUBREL, recs.size());
        assertThat(rels).as("PUBREL order after PUBRECs sent in the order %s", recs).containsExactlyElementsOf(recs);
        rels.forEach(id -> sub.send(Packets.pubcomp(id)));
    }

    /** The identifiers of the next {@code count} packets of {@code type}, other packets skipped (they stay queued). */
    private static List<Integer> ackIds(RawMqttClient c, SuiteContext ctx, MqttMessageType type, int count) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MqttMessage m = c.await(type, -1, ctx.timeout());
            ids.add(((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
        }
        return ids;
    }
}
