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
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

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
}
