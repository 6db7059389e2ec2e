package dev.lmqharness.suite.tests.subscribe;

import dev.lmqharness.kit.client.AppClient;
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
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.withBytes;
import static dev.lmqharness.suite.tests.support.Checks.invalidUtf8;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static org.assertj.core.api.Assertions.assertThat;

/** UNSUBSCRIBE and UNSUBACK (3.10, 3.11). */
@ConformanceTest
class UnsubscribeTest {

    @Test
    @Rule("MQTT-3.10.1-1")
    void unsubscribeWithWrongFixedHeaderFlagsCloses(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.sendBytes(packet(0xA0, u16(1), str(ctx.topics().topic("f"))), "UNSUBSCRIBE with flags 0000");
        assertClosed(c, ctx, "UNSUBSCRIBE with reserved flags 0000");
    }

    @Test
    @Rule({"MQTT-3.10.3-1", "MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    void topicFilterMustBeWellFormedUtf8(SuiteContext ctx) {
        invalidUtf8().forEach((what, bad) -> {
            RawMqttClient c = ctx.rawConnected();
            c.sendBytes(packet(0xA2, u16(1), field(withBytes(ctx.topics().topic("f"), bad))), "UNSUBSCRIBE of a filter holding " + what);
            assertClosed(c, ctx, "an UNSUBSCRIBE filter with " + what);
        });
    }

    @Test
    @Rule("MQTT-3.10.3-2")
    void unsubscribeWithoutFiltersIsAProtocolViolation(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.sendBytes(packet(0xA2, u16(1)), "UNSUBSCRIBE with no Topic Filter");
        assertClosed(c, ctx, "UNSUBSCRIBE without payload");
    }

    @Test
    @Rule({"MQTT-3.10.4-4", "MQTT-3.10.4-5"})
    void unsubackCarriesTheIdentifierEvenWhenNothingMatched(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.send(Packets.unsubscribe(777, ctx.topics().topic("never-subscribed")));
        MqttMessage ack = c.expect(MqttMessageType.UNSUBACK, ctx.timeout());
        assertThat(((MqttMessageIdVariableHeader) ack.variableHeader()).messageId()).isEqualTo(777);
    }

    @BothClients
    @Rule({"MQTT-3.10.4-1", "MQTT-3.10.4-2"})
    void filtersAreComparedCharacterByCharacter(ClientKind kind, SuiteContext ctx) {
        String exact = ctx.topics().topic("Case", "x");
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(exact, 0)).containsExactly(0);
        sub.unsubscribe(ctx.topics().topic("case", "x"));
        sub.unsubscribe(ctx.topics().topic("+", "x"));
        AppClient pub = ctx.appConnected(kind);
        pub.publish(exact, utf8("still-subscribed"), 0, false);
        assertThat(sub.nextMessage(ctx.timeout())).as("message after unsubscribing filters that only look alike").isNotNull();
        sub.unsubscribe(exact);
        String control = ctx.topics().topic("control");
        assertThat(sub.subscribe(control, 0)).containsExactly(0);
        pub.publish(exact, utf8("after-unsubscribe"), 0, false);
        pub.publish(control, utf8("marker"), 0, false);
        assertThat(payloadsBefore(sub, ctx, "marker")).as("messages through a deleted subscription").isEmpty();
    }

    @Test
    @Rule("MQTT-3.10.4-6")
    void multipleFiltersGetOneUnsuback(SuiteContext ctx) {
        String a = ctx.topics().topic("a");
        String b = ctx.topics().topic("b");
        String c = ctx.topics().topic("c");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(ctx.timeout(), new Packets.Sub(a, 0), new Packets.Sub(b, 0), new Packets.Sub(c, 0));
        sub.unsubscribe(ctx.timeout(), a, b);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(a, 0, false, utf8("to-a"), ctx.timeout());
        pub.publish(b, 0, false, utf8("to-b"), ctx.timeout());
        pub.publish(c, 0, false, utf8("to-c"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(text(p)).as("the only remaining subscription after one UNSUBSCRIBE of two filters").isEqualTo("to-c");
    }

    @Test
    @Rule("MQTT-3.10.4-3")
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
    void startedQos2DeliveryCompletesAfterUnsubscribe(SuiteContext ctx) {
        String topic = ctx.topics().topic("inflight");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 2, ctx.timeout());
        ctx.rawConnected().publish(topic, 2, false, utf8("in-flight"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        int id = p.variableHeader().packetId();
        sub.unsubscribe(ctx.timeout(), topic);
        sub.send(Packets.pubrec(id));
        sub.expectAck(MqttMessageType.PUBREL, id, ctx.timeout());
        sub.send(Packets.pubcomp(id));
        sub.send(Packets.pingreq());
        sub.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }
}
