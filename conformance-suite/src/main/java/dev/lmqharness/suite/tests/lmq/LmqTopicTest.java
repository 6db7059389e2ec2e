package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Requires;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.AuthMode;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.suite.broker.TargetAdmin;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.Will;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.assertWillDeliveredToNoOne;
import static dev.lmqharness.suite.tests.support.LmqChecks.padTo;
import static dev.lmqharness.suite.tests.support.LmqChecks.publishMayBeRefused;
import static dev.lmqharness.suite.tests.support.LmqChecks.subscriptionRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic length, characters and parent topics (LMQ-TOPIC-1..4). Refused publishes are never delivered. */
@ConformanceTest(area = "topics")
class LmqTopicTest {

    @BothClients
    @Rule("LMQ-TOPIC-1")
    void topicOfTheMaximumLengthWorksAndLongerIsRefused(ClientKind kind, SuiteContext ctx) {
        int max = ctx.limits().getInt(Limits.Name.TOPIC_MAX_LENGTH);
        String longest = padTo(ctx.topics().topic("L"), max);
        String tooLong = longest + "x";
        int qos = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(longest, qos)).as("subscription to a %d-character topic", max).containsExactly(qos);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(longest, utf8("fits"), qos, false);
        assertThat(message(sub, ctx).text()).isEqualTo("fits");

        AppClient refused = ctx.appConnected(kind);
        assertThat(subscriptionRefused(refused, tooLong, qos)).as("subscription to a %d-character topic", max + 1).isTrue();
        if (!ctx.wildcards()) {
            ctx.note("Lite has no wildcard subscription to watch a refused publish: subscriptions checked only");
            return;
        }
        AppClient wild = ctx.appConnected(kind);
        assertThat(wild.subscribe(ctx.topics().all(), qos)).containsExactly(qos);
        AppClient offender = ctx.appConnected(kind);
        publishMayBeRefused(ctx, offender, tooLong, utf8("too-long"), qos);
        ctx.appConnected(kind).publish(ctx.topics().topic("m"), utf8("marker"), qos, false);
        assertThat(payloadsBefore(wild, ctx, "marker")).as("messages published to a topic longer than %d", max).isEmpty();
    }

    /** A Will is a publication too: one on a topic too long or with a bad level is delivered to no one. */
    @Test
    @Rule({"LMQ-TOPIC-1", "LMQ-TOPIC-2"})
    void willOnAnInvalidTopicIsDeliveredToNoOne(SuiteContext ctx) {
        ctx.requireWildcards();     // only a wildcard subscription can watch a topic no one may subscribe to
        int max = ctx.limits().getInt(Limits.Name.TOPIC_MAX_LENGTH);
        RawMqttClient watcher = ctx.rawConnected();
        watcher.subscribe(ctx.topics().all(), 1, ctx.timeout());
        String sentinel = ctx.topics().topic("will-sentinel");
        for (String bad : List.of(padTo(ctx.topics().topic("W"), max + 1), ctx.topics().topic("a b"))) {
            assertWillDeliveredToNoOne(ctx, watcher, new Will(bad, utf8("bad-will"), 1, false), sentinel);
        }
    }

    @BothClients
    @Rule("LMQ-TOPIC-2")
    void topicLevelsWithForbiddenCharactersAreRefused(ClientKind kind, SuiteContext ctx) {
        int qos = ctx.deliveryQos();
        // Lite has no wildcard subscription to watch refused publishes: there only subscriptions are checked.
        AppClient wild = ctx.wildcards() ? ctx.appConnected(kind) : null;
        if (wild != null) {
            assertThat(wild.subscribe(ctx.topics().all(), qos)).containsExactly(qos);
        }
        List<String> accepted = new ArrayList<>();
        for (String level : new String[] {"a.b", "a b", "a%b", "a:b", "a,b", "\u00e9t\u00e9"}) {
            String topic = ctx.topics().topic(level);
            AppClient c = ctx.appConnected(kind);
            if (!subscriptionRefused(c, topic, qos)) {
                accepted.add(topic);
            }
            if (wild != null) {
                publishMayBeRefused(ctx, ctx.appConnected(kind), topic, utf8("bad-" + level), qos);
            }
        }
        assertThat(accepted).as("subscriptions granted to topics with characters outside 0-9 a-z A-Z - _").isEmpty();
        if (wild == null) {
            return;
        }
        ctx.appConnected(kind).publish(ctx.topics().topic("ok-_09AZ"), utf8("marker"), qos, false);
        assertThat(payloadsBefore(wild, ctx, "marker")).as("messages published to topics with forbidden characters").isEmpty();
    }

    @BothClients
    @Rule("LMQ-TOPIC-3")
    void topicUnderAnUnknownParentIsRefused(ClientKind kind, SuiteContext ctx) {
        String unknownParent = "nx" + ctx.target().naming().namespace() + "parent";
        AppClient c = ctx.appConnected(kind);
        assertThat(subscriptionRefused(c, unknownParent + "/a/b", 1)).as("subscription under parent topic %s that was never created",
                unknownParent).isTrue();
        // A filter whose first level is a wildcard names no parent topic (it would reach across all of them).
        for (String noParent : new String[] {"#", "+/" + ctx.topics().base().substring(ctx.topics().base().indexOf('/') + 1)}) {
            assertThat(subscriptionRefused(ctx.appConnected(kind), noParent, 1)).as("subscription to '%s', whose first level is no parent topic",
                    noParent).isTrue();
        }
        AppClient ok = ctx.appConnected(kind);
        int qos = ctx.deliveryQos();
        assertThat(ok.subscribe(ctx.topics().topic("known"), qos)).as("subscription under the configured parent topic").containsExactly(qos);
    }

    @Test
    @Rule("LMQ-TOPIC-3")
    @Requires(Capability.ADMIN_API)
    void parentTopicNamesAreCaseInsensitiveForUniqueness(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String name = "Pc" + ctx.target().naming().namespace();
        admin.createParentTopic(name);
        try {
            assertThatThrownBy(() -> admin.createParentTopic(name.toUpperCase()))
                    .as("creating %s while %s exists", name.toUpperCase(), name).isInstanceOf(TargetAdmin.AdminException.class);
        } finally {
            admin.deleteParentTopic(name);
        }
    }

    @Test
    @Rule("LMQ-TOPIC-4")
    @Requires(Capability.ADMIN_API)
    void parentTopicsAreCapped(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        int cap = ctx.limits().getInt(Limits.Name.PARENT_TOPICS);
        List<String> created = new ArrayList<>();
        try {
            boolean refused = false;
            // The instance may already hold parent topics: create until refused, at most cap + 1 times.
            for (int i = 0; i <= cap && !refused; i++) {
                String name = "pt" + ctx.target().naming().namespace() + i;
                try {
                    admin.createParentTopic(name);
                    created.add(name);
                } catch (TargetAdmin.AdminException e) {
                    refused = true;
                }
            }
            assertThat(refused).as("creating more than %d parent topics", cap).isTrue();
            assertThat(created.size()).isLessThanOrEqualTo(cap);
        } finally {
            created.forEach(admin::deleteParentTopic);
        }
    }

    /** A parent topic created on the instance at run time is usable at once: refused before, delivered after. */
    @BothClients
    @Rule("LMQ-TOPIC-3")
    @Requires(Capability.ADMIN_API)
    void parentTopicCreatedAtRunTimeIsUsableAtOnce(ClientKind kind, SuiteContext ctx) {
        if (ctx.target().config().auth() == AuthMode.TOKEN) {
            ctx.skip("the run's token covers only the configured parent topic, not one the test creates");
        }
        TargetAdmin admin = ctx.admin();
        String parent = "Pr" + kind.ordinal() + ctx.target().naming().namespace();
        String topic = parent + "/a/b";
        int qos = ctx.deliveryQos();
        assertThat(subscriptionRefused(ctx.appConnected(kind), topic, qos)).as("subscription under %s before it is created", parent).isTrue();
        try {
            admin.createParentTopic(parent);
        } catch (TargetAdmin.AdminException e) {
            ctx.skip("the instance refused another parent topic (LMQ-TOPIC-4 cap?): " + e.getMessage());
        }
        try {
            AppClient sub = ctx.appConnected(kind);
            assertThat(sub.subscribe(topic, qos)).as("subscription under %s right after it was created", parent).containsExactly(qos);
            ctx.appConnected(kind).publish(topic, utf8("created"), qos, false);
            assertThat(message(sub, ctx).text()).isEqualTo("created");
        } finally {
            admin.deleteParentTopic(parent);
        }
    }
}
