package dev.lmqharness.suite.tests.topics;

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
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static dev.lmqharness.kit.wire.RawBytes.u8;
import static org.assertj.core.api.Assertions.assertThat;

/** Topic names, filters and wildcards (4.7, 1.5.3). */
@ConformanceTest
class TopicTest {

    /** A filter must not be granted: SUBACK 0x80 or a closed connection both count as refusal. */
    private static void assertFilterRefused(SuiteContext ctx, String filter) {
        RawMqttClient c = ctx.rawConnected();
        int id = c.nextPacketId();
        c.send(Packets.subscribe(id, new Packets.Sub(filter, 0)));
        MqttMessage m = c.next(ctx.timeout());
        if (m == null) {
            assertThat(c.isOpen()).as("SUBSCRIBE to invalid filter '%s' got no SUBACK and the connection stayed open", filter).isFalse();
            return;
        }
        assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
        assertThat(((MqttSubAckMessage) m).payload().reasonCodes()).as("SUBACK for invalid filter '%s'", filter).containsExactly(0x80);
    }

    @Test
    @Rule("MQTT-4.7.1-2")
    void multiLevelWildcardMustBeLastAndAlone(SuiteContext ctx) {
        assertFilterRefused(ctx, ctx.topics().topic("a#"));
        assertFilterRefused(ctx, ctx.topics().topic("#", "b"));
    }

    @Test
    @Rule("MQTT-4.7.1-3")
    void singleLevelWildcardOccupiesAWholeLevel(SuiteContext ctx) {
        assertFilterRefused(ctx, ctx.topics().topic("a+"));
        assertFilterRefused(ctx, ctx.topics().topic("+a", "b"));
        if (!ctx.wildcards()) {
            ctx.note("Lite has no wildcard subscriptions: only the refusal of malformed filters is checked");
            return;
        }
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(ctx.topics().topic("+", "x"), 0, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(ctx.topics().topic("one", "two", "x"), 0, false, utf8("two-levels"), ctx.timeout());
        pub.publish(ctx.topics().topic("one", "x"), 0, false, utf8("one-level"), ctx.timeout());
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(text(p)).as("'+' matches exactly one level").isEqualTo("one-level");
    }

    @Test
    @Rule("MQTT-4.7.2-1")
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_PARENT_FIRST)
    void wildcardFiltersDoNotMatchDollarTopics(SuiteContext ctx) {
        String plain = ctx.topics().topic("d");
        String dollar = "$" + plain;
        RawMqttClient control = ctx.rawConnected();
        control.subscribe(dollar, 0, ctx.timeout());
        RawMqttClient wild = ctx.rawConnected();
        String filter = "+" + plain.substring(plain.indexOf('/'));
        wild.subscribe(filter, 0, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(dollar, 0, false, utf8("dollar"), ctx.timeout());
        MqttMessage m = control.next(ctx.timeout());
        if (m == null) {
            ctx.skip("the target did not deliver a message published to '" + dollar + "' even to an exact subscription");
        }
        pub.publish(plain, 0, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(wild, ctx, "marker")).as("'%s' matched '%s'", filter, dollar).isEmpty();
    }

    @Test
    @Rule("MQTT-4.7.3-1")
    void topicNamesAndFiltersAreNotEmpty(SuiteContext ctx) {
        RawMqttClient pub = ctx.rawConnected();
        pub.sendBytes(packet(0x30, u16(0), utf8("x")), "PUBLISH with a zero-length topic");
        assertClosed(pub, ctx, "PUBLISH to a zero-length topic");
        RawMqttClient sub = ctx.rawConnected();
        sub.sendBytes(packet(0x82, u16(1), u16(0), u8(0)), "SUBSCRIBE to a zero-length filter");
        MqttMessage m = sub.next(ctx.timeout());
        if (m != null) {
            assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
            assertThat(((MqttSubAckMessage) m).payload().reasonCodes()).as("SUBACK for a zero-length filter").containsExactly(0x80);
        } else {
            assertThat(sub.isOpen()).as("no SUBACK for a zero-length filter, connection still open").isFalse();
        }
    }

    @Test
    @Rule({"MQTT-4.7.3-2", "MQTT-1.5.3-2"})
    void nullCharacterInATopicClosesTheConnection(SuiteContext ctx) {
        RawMqttClient pub = ctx.rawConnected();
        byte[] topic = (ctx.topics().topic("a") + "\u0000b").getBytes(StandardCharsets.UTF_8);
        pub.sendBytes(packet(0x30, field(topic), utf8("x")), "PUBLISH with U+0000 in the topic");
        assertClosed(pub, ctx, "a topic containing U+0000");
    }

    @BothClients
    @Rule("MQTT-4.7.3-4")
    void matchingIsCaseSensitiveWithoutNormalisation(ClientKind kind, SuiteContext ctx) {
        String exact = ctx.topics().topic("Accounts");
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(exact, 0)).containsExactly(0);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(ctx.topics().topic("ACCOUNTS"), utf8("upper"), 0, false);
        pub.publish(ctx.topics().topic("accounts"), utf8("lower"), 0, false);
        if (ctx.target().profile() == TargetProfile.MQTT311) {
            // Composed and decomposed forms of the same letter are different topics.
            pub.publish(ctx.topics().topic("Acc\u006F\u0301unts"), utf8("decomposed"), 0, false);
            pub.publish(exact + "/", utf8("trailing-slash"), 0, false);
        }
        pub.publish(exact, utf8("marker"), 0, false);
        assertThat(payloadsBefore(sub, ctx, "marker")).as("messages to topics that only normalise to '%s'", exact).isEmpty();
    }

    @Test
    @Rule("MQTT-1.5.3-3")
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_TOPIC_CHARS)
    void byteOrderMarkIsNotStripped(SuiteContext ctx) {
        String withBom = ctx.topics().topic("\uFEFFbom");
        String without = ctx.topics().topic("bom");
        RawMqttClient plain = ctx.rawConnected();
        plain.subscribe(without, 0, ctx.timeout());
        RawMqttClient bom = ctx.rawConnected();
        bom.subscribe(withBom, 0, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(withBom, 0, false, utf8("bom"), ctx.timeout());
        MqttPublishMessage p = bom.expectPublish(ctx.timeout());
        assertThat(p.variableHeader().topicName()).as("topic name with U+FEFF as delivered").isEqualTo(withBom);
        pub.publish(without, 0, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(plain, ctx, "marker")).as("'%s' received a message sent to the topic with U+FEFF", without).isEmpty();
    }
}
