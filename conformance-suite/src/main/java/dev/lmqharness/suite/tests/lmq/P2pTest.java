package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.suite.app.AppClient;
import dev.lmqharness.suite.app.AppMessage;
import dev.lmqharness.suite.app.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Rule;
import dev.lmqharness.suite.junit.SuiteContext;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Point-to-point messages (LMQ-P2P-1; LMQ-P2P-2 is with the QoS x cleanSession tests). */
@ConformanceTest(area = "p2p")
class P2pTest {

    @BothClients
    @Rule("LMQ-P2P-1")
    void p2pMessageReachesOnlyItsTarget(ClientKind kind, SuiteContext ctx) {
        String unique = "direct-" + ctx.target().naming().namespace() + "-" + ctx.topics().base().hashCode();
        AppClient target = ctx.appConnected(kind);
        AppClient bystander = ctx.appConnected(kind);
        String parentWildcard = ctx.target().naming().parentTopic() + "/#";
        assertThat(bystander.subscribe(parentWildcard, 1)).containsExactly(1);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(ctx.topics().p2p(target.clientId()), utf8(unique), 1, false);
        AppMessage m = message(target, ctx);
        assertThat(m.text()).as("P2P message received without any subscription").isEqualTo(unique);
        pub.publish(ctx.topics().topic("m"), utf8("marker"), 1, false);
        assertThat(payloadsBefore(bystander, ctx, "marker")).as("a P2P message seen through the ordinary subscription %s", parentWildcard)
                .doesNotContain(unique);
    }
}
