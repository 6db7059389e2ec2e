package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
}
