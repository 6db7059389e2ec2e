package dev.lmqharness.suite.tests.publish;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.invalidUtf8;
import static dev.lmqharness.suite.tests.support.Checks.withBytes;
import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.concat;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static org.assertj.core.api.Assertions.assertThat;

/** PUBLISH validation and what subscribers receive (3.3.1 - 3.3.2). */
@ConformanceTest
class PublishTest {

    @Test
    @Rule("MQTT-3.3.1-4")
    void publishWithBothQosBitsSetClosesTheConnection(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.sendBytes(packet(0x36, str(ctx.topics().topic("q3")), u16(1), utf8("x")), "PUBLISH with QoS bits 11");
        assertClosed(c, ctx, "PUBLISH with QoS 3");
    }

    /** Every kind of invalid UTF-8 (and U+0000) in the topic; none of the messages may be routed. */
    @Test
    @Rule({"MQTT-3.3.2-1", "MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    void topicNameMustBeWellFormedUtf8(SuiteContext ctx) {
        String prefix = ctx.topics().topic("u");
        RawMqttClient watcher = null;
        if (ctx.wildcards()) {
            watcher = ctx.rawConnected();
            watcher.subscribe(ctx.topics().all(), ctx.deliveryQos(), ctx.timeout());
        }
        invalidUtf8().forEach((what, bad) -> {
            RawMqttClient c = ctx.rawConnected();
            c.sendBytes(packet(0x30, field(withBytes(prefix, bad)), utf8("bad-topic")), "PUBLISH whose topic holds " + what);
            assertClosed(c, ctx, "PUBLISH with a topic holding " + what);
        });
        if (watcher != null) {
            ctx.rawConnected().publish(ctx.topics().topic("m"), ctx.deliveryQos(), false, utf8("marker"), ctx.timeout());
            assertThat(payloadsBefore(watcher, ctx, "marker")).as("messages of PUBLISHes whose topic is not valid UTF-8").isEmpty();
        }
    }

    @Test
    @Rule("MQTT-3.3.2-1")
    void topicNameMustBePresent(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected();
        c.sendBytes(bytes(0x30, 0x01, 0x00), "PUBLISH cut off inside the topic length");
        assertClosed(c, ctx, "PUBLISH without a Topic Name");
    }

    @Test
    @Rule({"MQTT-3.3.2-2", "MQTT-4.7.1-1"})
    void wildcardsInATopicNameCloseTheConnection(SuiteContext ctx) {
        // Without wildcard subscriptions (Lite) nothing could watch those topics: only the close is checked.
        RawMqttClient sub = ctx.wildcards() ? ctx.rawConnected() : null;
        if (sub != null) {
            sub.subscribe(ctx.topics().all(), 1, ctx.timeout());
        }
        int qos = ctx.deliveryQos();
        for (String bad : new String[] {ctx.topics().topic("a", "+"), ctx.topics().topic("#")}) {
            RawMqttClient c = ctx.rawConnected();
            c.send(Packets.publish(bad, qos, false, qos == 0 ? 0 : c.nextPacketId(), utf8("wildcard")));
            assertClosed(c, ctx, "PUBLISH to '" + bad + "'");
        }
        if (sub != null) {
            ctx.rawConnected().publish(ctx.topics().topic("m"), 1, false, utf8("marker"), ctx.timeout());
            assertThat(payloadsBefore(sub, ctx, "marker")).as("messages published to topic names with wildcards").isEmpty();
        }
    }

    @BothClients
    @Rule("MQTT-3.3.2-3")
    void deliveredTopicNameIsThePublishedOne(ClientKind kind, SuiteContext ctx) {
        ctx.requireWildcards();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(ctx.topics().topic("+", "x"), 0)).containsExactly(0);
        String published = ctx.topics().topic("abc", "x");
        ctx.rawConnected().publish(published, 0, false, utf8("hello"), ctx.timeout());
        AppMessage m = message(sub, ctx);
        assertThat(m.topic()).as("topic of the delivered message").isEqualTo(published);
    }

    @Test
    @Rule("MQTT-2.3.1-5")
    void qos0PublishCarriesNoPacketIdentifier(SuiteContext ctx) {
        String topic = ctx.topics().topic("q0");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 0, ctx.timeout());
        ctx.rawConnected().publish(topic, 1, false, utf8("exact"), ctx.timeout());
        RawMqttClient.Received r = sub.nextReceived(ctx.timeout());
        assertThat(r).as("the QoS 0 delivery").isNotNull();
        MqttPublishMessage p = (MqttPublishMessage) r.message();
        assertThat(p.fixedHeader().qosLevel().value()).isZero();
        int expected = 2 + topic.getBytes(StandardCharsets.UTF_8).length + "exact".length();
        assertThat(r.remainingLength()).as("remaining length of a QoS 0 PUBLISH (no packet identifier)").isEqualTo(expected);
    }
}
