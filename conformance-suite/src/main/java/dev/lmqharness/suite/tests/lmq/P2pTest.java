package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Point-to-point messages (LMQ-P2P-1; the offline case is with the QoS x cleanSession tests). */
@ConformanceTest(area = "p2p")
class P2pTest {

    @BothClients
    @Rule("LMQ-P2P-1")
    void p2pMessageReachesOnlyItsTarget(ClientKind kind, SuiteContext ctx) {
        String unique = "direct-" + ctx.target().naming().namespace() + "-" + ctx.topics().base().hashCode();
        int qos = ctx.deliveryQos();
        AppClient target = ctx.appConnected(kind);
        // Lite has no wildcard subscriptions, so no bystander can match the P2P address there.
        AppClient bystander = ctx.wildcards() ? ctx.appConnected(kind) : null;
        String parentWildcard = ctx.target().naming().parentTopic() + "/#";
        if (bystander != null) {
            assertThat(bystander.subscribe(parentWildcard, qos)).containsExactly(qos);
        }
        AppClient pub = ctx.appConnected(kind);
        pub.publish(ctx.topics().p2p(target.clientId()), utf8(unique), qos, false);
        AppMessage m = message(target, ctx);
        assertThat(m.text()).as("P2P message received without any subscription").isEqualTo(unique);
        if (bystander == null) {
            return;
        }
        pub.publish(ctx.topics().topic("m"), utf8("marker"), qos, false);
        assertThat(payloadsBefore(bystander, ctx, "marker")).as("a P2P message seen through the ordinary subscription %s", parentWildcard)
                .doesNotContain(unique);
    }
}
