package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.suite.junit.Reasons;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.subscriptionRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** Subscription caps (LMQ-SUB-1, LMQ-SUB-2). */
@ConformanceTest(area = "subscriptions")
class SubscriptionCapTest {

    @BothClients
    @Rule("LMQ-SUB-1")
    void subscriptionsPerClientAreCapped(ClientKind kind, SuiteContext ctx) {
        int cap = ctx.limits().getInt(Limits.Name.SUBSCRIPTIONS_PER_CLIENT);
        int qos = ctx.deliveryQos();
        AppClient c = ctx.appConnected(kind);
        List<String> filters = new ArrayList<>();
        if (ctx.wildcards()) {
            filters.add(ctx.topics().topic("A", "#"));          // A/# and A/a1/# count as two
            filters.add(ctx.topics().topic("A", "a1", "#"));
        }
        for (int i = filters.size(); i < cap; i++) {
            filters.add(ctx.topics().topic("s" + i));
        }
        for (String f : filters) {
            assertThat(c.subscribe(f, qos)).as("subscription %d of %d (%s)", filters.indexOf(f) + 1, cap, f).containsExactly(qos);
        }
        assertThat(c.subscribe(filters.get(0), qos)).as("re-subscribing an existing filter at the cap").containsExactly(qos);
        String extra = ctx.topics().topic("extra");
        assertThat(subscriptionRefused(c, extra, qos)).as("subscription %d", cap + 1).isTrue();
        if (!c.isConnected()) {
            ctx.connect(c, true);
            return;     // the server refused by closing; a new clean session has no subscriptions to free
        }
        // The refused filter is not active: a message on it does not come before one on a granted filter.
        AppClient pub = ctx.appConnected(kind);
        pub.publish(extra, utf8("refused-filter"), qos, false);
        pub.publish(filters.get(filters.size() - 1), utf8("marker"), qos, false);
        assertThat(payloadsBefore(c, ctx, "marker")).as("messages through the refused subscription %s", extra).isEmpty();
        c.unsubscribe(filters.get(filters.size() - 1));
        assertThat(c.subscribe(extra, qos)).as("a subscription after unsubscribing one freed a slot").containsExactly(qos);
    }

    @Test
    @Rule("LMQ-SUB-2")
    @Timeout(180)
    void wildcardSubscriptionsPerParentAreCapped(SuiteContext ctx) {
        int cap = ctx.limits().getInt(Limits.Name.WILDCARD_SUBSCRIPTIONS_PER_PARENT);
        String filter = ctx.topics().topic("w", "#");
        List<RawMqttClient> subs = new ArrayList<>();
        for (int i = 0; i <= cap; i++) {
            RawMqttClient s = ctx.rawConnected();
            s.subscribe(filter, 0, ctx.timeout());
            subs.add(s);
        }
        ctx.rawConnected().publish(ctx.topics().topic("w", "x"), 1, false, utf8("fan-out"), ctx.timeout());
        Set<Integer> received = new HashSet<>();
        long deadline = System.nanoTime() + ctx.timeout().toNanos();
        // Once cap subscribers have the message, the others get the suite's quiet period to show
        // theirs: no marker can prove a non-delivery to a subscriber that may hold no subscription.
        Long atCap = null;
        while (System.nanoTime() < deadline && received.size() < subs.size()
                && (atCap == null || System.nanoTime() - atCap < ctx.quiet().toNanos())) {
            if (atCap == null && received.size() >= cap) {
                atCap = System.nanoTime();
            }
            for (int i = 0; i < subs.size(); i++) {
                if (!received.contains(i)) {
                    MqttMessage m = subs.get(i).next(Duration.ofMillis(5));
                    if (m != null && m.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
                        received.add(i);
                    }
                }
            }
        }
        ctx.note(received.size() + " of " + subs.size() + " wildcard subscribers received the message");
        assertThat(received.size()).as("wildcard subscribers under one parent that received a message (cap %d)", cap)
                .isLessThanOrEqualTo(cap);
    }

    /** The subscriptions of a cleanSession=false session keep their slots across a reconnect; a clean session starts empty. */
    @Test
    @Rule("LMQ-SUB-1")
    @Profiles(value = TargetProfile.LMQ, reason = Reasons.LITE_CLEAN_SESSION)
    void persistentSessionKeepsItsSubscriptionSlots(SuiteContext ctx) {
        int cap = ctx.limits().getInt(Limits.Name.SUBSCRIPTIONS_PER_CLIENT);
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient first = ctx.rawConnected(spec);
        for (int i = 0; i < cap; i++) {
            assertThat(first.subscribe(ctx.topics().topic("p" + i), 1, ctx.timeout())).as("subscription %d of %d", i + 1, cap).containsExactly(1);
        }
        first.disconnect();
        RawMqttClient again = ctx.rawConnected(spec);
        assertThat(rawSubscriptionRefused(again, ctx, ctx.topics().topic("one-more"))).as("subscription %d after resuming a session that holds %d",
                cap + 1, cap).isTrue();
        again.close();
        RawMqttClient clean = ctx.rawConnected(spec.withCleanSession(true));
        for (int i = 0; i < cap; i++) {
            assertThat(clean.subscribe(ctx.topics().topic("q" + i), 1, ctx.timeout())).as("subscription %d of %d after the session was discarded",
                    i + 1, cap).containsExactly(1);
        }
    }

    /**
     * One SUBSCRIBE with more new filters than free slots: only the filters beyond the cap are refused,
     * and re-subscribing a filter already held is granted (it takes no new slot).
     */
    @Test
    @Rule("LMQ-SUB-1")
    void subscribeWithMoreFiltersThanFreeSlotsRefusesOnlyThoseBeyondTheCap(SuiteContext ctx) {
        int cap = ctx.limits().getInt(Limits.Name.SUBSCRIPTIONS_PER_CLIENT);
        int qos = ctx.deliveryQos();
        RawMqttClient c = ctx.rawConnected();
        for (int i = 0; i < cap - 2; i++) {
            assertThat(c.subscribe(ctx.topics().topic("s" + i), qos, ctx.timeout())).containsExactly(qos);
        }
        List<Integer> codes;
        try {
            codes = c.subscribe(ctx.timeout(), new Packets.Sub(ctx.topics().topic("m1"), qos), new Packets.Sub(ctx.topics().topic("m2"), qos),
                    new Packets.Sub(ctx.topics().topic("m3"), qos), new Packets.Sub(ctx.topics().topic("s0"), qos));
        } catch (AssertionError e) {
            if (!c.isOpen()) {
                ctx.note("the server closed the connection on a SUBSCRIBE beyond the cap (a refusal the rulebook allows)");
                return;
            }
            throw e;
        }
        ctx.note("SUBACK codes for m1, m2, m3 (2 slots free of " + cap + ") and the held s0: " + codes);
        assertThat(codes).hasSize(4);
        assertThat(codes.subList(0, 3).stream().filter(x -> x == qos).count()).as("new filters granted with 2 free slots: %s", codes).isEqualTo(2);
        assertThat(codes.subList(0, 3)).as("the new filter beyond the cap is refused: %s", codes).contains(0x80);
        assertThat(codes.get(3)).as("re-subscribing the held filter s0 in the same SUBSCRIBE").isEqualTo(qos);
    }

    /** SUBACK 0x80, or a closed connection (a refusal the rulebook allows). */
    private static boolean rawSubscriptionRefused(RawMqttClient c, SuiteContext ctx, String filter) {
        try {
            List<Integer> codes = c.subscribe(filter, 1, ctx.timeout());
            return codes.size() == 1 && codes.get(0) == 0x80;
        } catch (AssertionError e) {
            if (!c.isOpen()) {
                return true;
            }
            throw e;
        }
    }
}
