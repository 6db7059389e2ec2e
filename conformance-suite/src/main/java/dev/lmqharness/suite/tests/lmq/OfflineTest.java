package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Requires;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.OfflineBarrier.awaitOffline;
import static org.assertj.core.api.Assertions.assertThat;

/** Offline messages: retention, visibility, the instance cap (LMQ-OFF-1..3). */
@ConformanceTest(area = "offline")
class OfflineTest {

    /** Caps up to this size run in a normal run (a customised instance); larger ones need the slow capability. */
    static final long FAST_CAP = 10_000;

    private RawMqttClient persistentSubscriber(SuiteContext ctx, ConnectSpec spec, String topic) {
        RawMqttClient sub = ctx.rawConnected(spec);
        sub.subscribe(topic, 1, ctx.timeout());
        return sub;
    }

    @Test
    @Rule("LMQ-OFF-1")
    @Requires(Capability.CLOCK_CONTROL)
    void offlineMessagesExpireAfterTheRetentionPeriod(SuiteContext ctx) {
        Duration retention = Duration.ofSeconds(ctx.limits().get(Limits.Name.OFFLINE_RETENTION_SECONDS));
        String topic = ctx.topics().topic("expire");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        persistentSubscriber(ctx, spec, topic).disconnect();
        awaitOffline(ctx, spec.clientId(), false);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, false, utf8("expires"), ctx.timeout());
        ctx.clock().advance(retention.plusMinutes(1));
        RawMqttClient back = ctx.rawConnected(spec);
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(back, ctx, "marker")).as("offline messages older than %s", retention).isEmpty();
    }

    @Test
    @Rule("LMQ-OFF-2")
    void messagePushedToASilentlyDeadConnectionIsDeliveredAtTheNextConnect(SuiteContext ctx) {
        Duration visibility = Duration.ofSeconds(ctx.limits().get(Limits.Name.OFFLINE_VISIBILITY_SECONDS));
        String topic = ctx.topics().topic("visibility");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient dead = persistentSubscriber(ctx, spec, topic);
        ctx.rawConnected().publish(topic, 1, false, utf8("pushed"), ctx.timeout());
        MqttPublishMessage push = dead.expectPublish(ctx.timeout());
        long pushedAt = System.nanoTime();
        // From here the subscriber is silent: no PUBACK, no PINGREQ, the socket stays open.
        ctx.note("subscriber silent; reconnecting " + visibility.toSeconds() + " s after the push");
        Awaitility.await("the rule's offline-visibility period").pollDelay(visibility).atMost(visibility.plusSeconds(2))
                .until(() -> System.nanoTime() - pushedAt >= visibility.toNanos());
        RawMqttClient next = ctx.raw();
        next.connectAccepted(spec, ctx.timeout());
        MqttPublishMessage again = next.expectPublish(ctx.timeout());
        assertThat(text(again)).as("message pushed %d s earlier to a silently dead connection", visibility.toSeconds())
                .isEqualTo(text(push));
        next.acknowledge(again, ctx.timeout());
    }

    @Test
    @Rule("LMQ-OFF-3")
    @Timeout(value = 4, unit = TimeUnit.HOURS)
    void offlineMessagesBeyondTheCapDropTheOldestFirst(SuiteContext ctx) {
        long cap = ctx.limits().get(Limits.Name.OFFLINE_MESSAGES);
        if (cap > FAST_CAP && !ctx.target().has(Capability.SLOW)) {
            ctx.skip("the offline cap is " + cap + " messages: runs with capability 'slow', or set lmq.limit.offlineMessages"
                    + " for a customised instance");
        }
        int extra = 5;
        String topic = ctx.topics().topic("cap");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        persistentSubscriber(ctx, spec, topic).disconnect();
        awaitOffline(ctx, spec.clientId(), false);
        RawMqttClient pub = ctx.rawConnected();
        for (long i = 0; i < cap + extra; i++) {
            pub.publish(topic, 1, false, utf8(Long.toString(i)), ctx.timeout());
        }
        RawMqttClient back = ctx.raw();
        back.connectAccepted(spec, ctx.timeout());
        List<Long> got = new ArrayList<>();
        while (true) {
            MqttPublishMessage p = (MqttPublishMessage) back.next(Duration.ofMillis(Math.max(2000, ctx.quiet().toMillis() * 4)));
            if (p == null) {
                break;
            }
            back.send(Packets.puback(p.variableHeader().packetId()));
            got.add(Long.parseLong(text(p)));
        }
        ctx.note("received " + got.size() + " offline messages of " + (cap + extra) + " published (cap " + cap + ")");
        assertThat(got.size()).as("offline messages kept (cap %d)", cap).isLessThanOrEqualTo((int) Math.min(Integer.MAX_VALUE, cap));
        assertThat(got).as("the newest message is kept").contains(cap + extra - 1);
        long first = got.isEmpty() ? 0 : got.get(0);
        assertThat(first).as("the oldest are deleted first").isGreaterThanOrEqualTo(extra);
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i)).as("kept messages are the newest, in order").isEqualTo(got.get(i - 1) + 1);
        }
    }

    /** A message pushed but never acknowledged before the client went offline is an offline message too: it expires as well. */
    @Test
    @Rule("LMQ-OFF-1")
    @Requires(Capability.CLOCK_CONTROL)
    void unacknowledgedPushExpiresAfterTheRetentionPeriodToo(SuiteContext ctx) {
        Duration retention = Duration.ofSeconds(ctx.limits().get(Limits.Name.OFFLINE_RETENTION_SECONDS));
        String topic = ctx.topics().topic("expire-unacked");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient sub = persistentSubscriber(ctx, spec, topic);
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, false, utf8("pushed-never-acked"), ctx.timeout());
        assertThat(text(sub.expectPublish(ctx.timeout()))).isEqualTo("pushed-never-acked");   // no PUBACK
        sub.close();
        awaitOffline(ctx, spec.clientId(), false);
        ctx.clock().advance(retention.plusMinutes(1));
        RawMqttClient back = ctx.rawConnected(spec);
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(back, ctx, "marker")).as("an unacknowledged push older than %s", retention).isEmpty();
    }

    /**
     * The cap is the instance's, not a client's: two offline clients each get 60 % of the cap; the
     * oldest messages go first whichever client they wait for, so the second client keeps all of its
     * messages, the first only its newest, and together they keep at most the cap. (Older offline
     * messages of others on a shared instance would go before ours: the assertions still hold.)
     */
    @Test
    @Rule("LMQ-OFF-3")
    @Timeout(value = 4, unit = TimeUnit.HOURS)
    void offlineCapIsInstanceWide(SuiteContext ctx) {
        long cap = ctx.limits().get(Limits.Name.OFFLINE_MESSAGES);
        if (cap > FAST_CAP && !ctx.target().has(Capability.SLOW)) {
            ctx.skip("the offline cap is " + cap + " messages: runs with capability 'slow', or set lmq.limit.offlineMessages"
                    + " for a customised instance");
        }
        int each = (int) Math.max(1, cap * 3 / 5);
        String topicA = ctx.topics().topic("capA");
        String topicB = ctx.topics().topic("capB");
        ConnectSpec specA = ctx.connectSpec().withCleanSession(false);
        ConnectSpec specB = ctx.connectSpec().withCleanSession(false);
        persistentSubscriber(ctx, specA, topicA).disconnect();
        awaitOffline(ctx, specA.clientId(), false);
        persistentSubscriber(ctx, specB, topicB).disconnect();
        awaitOffline(ctx, specB.clientId(), false);
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 0; i < each; i++) {
            pub.publish(topicA, 1, false, utf8(Integer.toString(i)), ctx.timeout());
        }
        for (int i = 0; i < each; i++) {
            pub.publish(topicB, 1, false, utf8(Integer.toString(i)), ctx.timeout());
        }
        List<Long> gotA = drainOffline(ctx, specA);
        List<Long> gotB = drainOffline(ctx, specB);
        ctx.note("kept " + gotA.size() + " of " + each + " for the first client, " + gotB.size() + " of " + each
                + " for the second (cap " + cap + ")");
        assertThat(gotA.size() + gotB.size()).as("offline messages kept for two clients together (instance cap %d)", cap)
                .isLessThanOrEqualTo((int) cap);
        assertThat(gotB).as("the second client's messages, all newer than the first client's")
                .containsExactlyElementsOf(LongStream.range(0, each).boxed().toList());
        assertThat(gotA).as("the first client keeps its newest messages").contains((long) each - 1);
        for (int i = 1; i < gotA.size(); i++) {
            assertThat(gotA.get(i)).as("the first client's kept messages are its newest, in order").isEqualTo(gotA.get(i - 1) + 1);
        }
    }

    /** Connects with {@code spec} and reads the offline messages (numbers) until the server goes quiet. */
    private static List<Long> drainOffline(SuiteContext ctx, ConnectSpec spec) {
        RawMqttClient back = ctx.raw();
        back.connectAccepted(spec, ctx.timeout());
        List<Long> got = new ArrayList<>();
        while (true) {
            MqttPublishMessage p = (MqttPublishMessage) back.next(Duration.ofMillis(Math.max(2000, ctx.quiet().toMillis() * 4)));
            if (p == null) {
                break;
            }
            back.send(Packets.puback(p.variableHeader().packetId()));
            got.add(Long.parseLong(text(p)));
        }
        back.disconnect();
        return got;
    }
}
