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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Filters that start with a wildcard ({@code #}, {@code +/#}, {@code +/...}) do not match topics that
     * start with '$'. An exact subscription to the '$' topic must receive the message (else the test
     * would pass on a broker that drops '$' topics altogether, and it fails, naming that); the
     * wildcard subscribers receive everything up to a marker on an ordinary topic, and none of it may
     * be on a '$' topic.
     */
    @Test
    @Rule("MQTT-4.7.2-1")
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_PARENT_FIRST)
    void wildcardFiltersDoNotMatchDollarTopics(SuiteContext ctx) {
        String plain = ctx.topics().topic("d");
        String dollar = "$" + plain;
        RawMqttClient control = ctx.rawConnected();
        control.subscribe(dollar, 0, ctx.timeout());
        String rest = plain.substring(plain.indexOf('/'));
        Map<String, RawMqttClient> wild = new LinkedHashMap<>();
        for (String filter : new String[] {"#", "+/#", "+" + rest}) {
            RawMqttClient w = ctx.rawConnected();
            w.subscribe(filter, 0, ctx.timeout());
            wild.put(filter, w);
        }
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(dollar, 0, false, utf8("dollar"), ctx.timeout());
        MqttMessage m = control.next(ctx.timeout());
        assertThat(m).as("a message published to '%s' must reach the exact subscription to '%s' (MQTT-4.7.2-1 asks only that wildcard"
                + " filters do not match it), within %d ms", dollar, dollar, ctx.timeout().toMillis()).isNotNull();
        assertThat(m).isInstanceOf(MqttPublishMessage.class);
        assertThat(text((MqttPublishMessage) m)).isEqualTo("dollar");
        pub.publish(plain, 0, false, utf8("marker"), ctx.timeout());
        wild.forEach((filter, w) -> {
            List<String> dollarTopics = new ArrayList<>();
            while (true) {
                MqttPublishMessage p = w.expectPublish(ctx.timeout());
                String t = p.variableHeader().topicName();
                if (t.equals(plain) && text(p).equals("marker")) {
                    break;
                }
                if (t.startsWith("$")) {
                    dollarTopics.add(t);
                }
            }
            assertThat(dollarTopics).as("topics starting with '$' delivered to the filter '%s'", filter).isEmpty();
        });
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

    /** Subscribes one fresh connection per filter (so overlapping filters cannot mask each other, 3.3.5-1). */
    private static Map<String, RawMqttClient> subscribers(SuiteContext ctx, String... filters) {
        Map<String, RawMqttClient> subs = new LinkedHashMap<>();
        for (String f : filters) {
            RawMqttClient c = ctx.rawConnected();
            assertThat(c.subscribe(f, 0, ctx.timeout())).as("SUBACK for '%s'", f).containsExactly(0);
            subs.put(f, c);
        }
        return subs;
    }

    /** The topics of everything each subscriber received before the marker (published last to {@code markerTopic}). */
    private static Map<String, List<String>> topicsBeforeMarker(SuiteContext ctx, Map<String, RawMqttClient> subs) {
        Map<String, List<String>> got = new LinkedHashMap<>();
        subs.forEach((f, c) -> {
            List<String> topics = new ArrayList<>();
            while (true) {
                MqttPublishMessage p = c.expectPublish(ctx.timeout());
                if (text(p).equals("marker")) {
                    break;
                }
                topics.add(p.variableHeader().topicName());
            }
            got.put(f, topics);
        });
        return got;
    }

    /**
     * '#' also matches the parent level itself (4.7.1.2: "sport/tennis/#" matches "sport/tennis"),
     * and any depth below it; it does not match a sibling that merely shares the prefix.
     */
    @Test
    @Rule("MQTT-4.7.1-2")
    void multiLevelWildcardMatchesTheParentLevelAndEverythingBelow(SuiteContext ctx) {
        ctx.requireWildcards();
        String parent = ctx.topics().topic("p");
        Map<String, RawMqttClient> subs = subscribers(ctx, parent + "/#");
        RawMqttClient pub = ctx.rawConnected();
        for (String t : new String[] {parent, parent + "/a", parent + "/a/b/c", ctx.topics().topic("px"), ctx.topics().topic("q")}) {
            pub.publish(t, 0, false, utf8(t), ctx.timeout());
        }
        pub.publish(parent + "/m", 1, false, utf8("marker"), ctx.timeout());
        assertThat(topicsBeforeMarker(ctx, subs).get(parent + "/#")).as("topics matched by '%s/#'", parent)
                .containsExactly(parent, parent + "/a", parent + "/a/b/c");
    }

    /**
     * '+' may stand at every level, first and last included (MQTT-4.7.1-3): for a topic of five or
     * more levels, each filter with one level replaced by '+' matches it, and none matches a topic with
     * one level more. Under the LMQ profiles the first level is the parent topic, which stays literal.
     */
    @Test
    @Rule("MQTT-4.7.1-3")
    void singleLevelWildcardMatchesAtEveryPosition(SuiteContext ctx) {
        ctx.requireWildcards();
        String topic = ctx.topics().topic("x", "y");
        String deeper = topic + "/z";
        String[] levels = topic.split("/", -1);
        int from = ctx.target().profile() == TargetProfile.MQTT311 ? 0 : 1;
        List<String> filters = new ArrayList<>();
        for (int i = from; i < levels.length; i++) {
            String[] f = levels.clone();
            f[i] = "+";
            filters.add(String.join("/", f));
        }
        Map<String, RawMqttClient> subs = subscribers(ctx, filters.toArray(new String[0]));
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(deeper, 0, false, utf8("deeper"), ctx.timeout());
        pub.publish(topic, 0, false, utf8("exact"), ctx.timeout());
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());   // matched by every filter
        topicsBeforeMarker(ctx, subs).forEach((f, topics) ->
                assertThat(topics).as("topics delivered to '%s'", f).containsExactly(topic));
    }

    /**
     * Empty levels are levels (4.7.1.3, 4.7.3): "a//b" is matched by "a/+/b" and not by "a/b", and a
     * leading '/' makes an empty first level, matched by "+/..." and by "/#" but not by a filter
     * without it. Plain MQTT only: LMQ topics start with the parent topic and have no empty levels.
     */
    @Test
    @Rule({"MQTT-4.7.1-3", "MQTT-4.7.3-4"})
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_PARENT_FIRST)
    void emptyLevelsAndALeadingSlashAreLevels(SuiteContext ctx) {
        String base = ctx.topics().topic();
        String empty = base + "/e//x";
        String leading = "/" + base + "/lead";
        Map<String, RawMqttClient> subs = subscribers(ctx, base + "/e/+/x", base + "/e/x", "+/" + base + "/lead", "/" + base + "/#",
                base + "/lead");
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(empty, 0, false, utf8("empty"), ctx.timeout());
        pub.publish(leading, 0, false, utf8("leading"), ctx.timeout());
        // One marker per subscriber, on a topic each of them matches.
        Map<String, String> markerTopic = new LinkedHashMap<>();
        markerTopic.put(base + "/e/+/x", base + "/e/m/x");
        markerTopic.put(base + "/e/x", base + "/e/x");
        markerTopic.put("+/" + base + "/lead", "m/" + base + "/lead");
        markerTopic.put("/" + base + "/#", "/" + base + "/m");
        markerTopic.put(base + "/lead", base + "/lead");
        markerTopic.values().forEach(t -> pub.publish(t, 1, false, utf8("marker"), ctx.timeout()));
        Map<String, List<String>> got = new LinkedHashMap<>();
        subs.forEach((f, c) -> got.put(f, payloadsBefore(c, ctx, "marker")));
        assertThat(got.get(base + "/e/+/x")).as("'%s/e/+/x' receives '%s'", base, empty).contains("empty");
        assertThat(got.get(base + "/e/x")).as("'%s/e/x' must not receive '%s'", base, empty).doesNotContain("empty");
        assertThat(got.get("+/" + base + "/lead")).as("'+/%s/lead' receives '%s'", base, leading).contains("leading");
        assertThat(got.get("/" + base + "/#")).as("'/%s/#' receives '%s'", base, leading).contains("leading");
        assertThat(got.get(base + "/lead")).as("'%s/lead' must not receive '%s'", base, leading).doesNotContain("leading");
    }
}
