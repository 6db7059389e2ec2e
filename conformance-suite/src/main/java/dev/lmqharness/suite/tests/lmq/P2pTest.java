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
import static dev.lmqharness.suite.tests.support.LmqChecks.subscriptionRefused;
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

    /**
     * "To that client alone" holds against a subscription naming the address exactly, too: a client
     * subscribing to another client's P2P address is refused (the reference broker's choice) or
     * receives nothing through it. Runs on Lite as well, since the filter has no wildcard.
     */
    @BothClients
    @Rule("LMQ-P2P-1")
    void anotherClientSubscribedToTheP2pAddressReceivesNothing(ClientKind kind, SuiteContext ctx) {
        int qos = ctx.deliveryQos();
        AppClient target = ctx.appConnected(kind);
        String address = ctx.topics().p2p(target.clientId());
        String control = ctx.topics().topic("control");
        AppClient eavesdropper = ctx.appConnected(kind);
        assertThat(eavesdropper.subscribe(control, qos)).containsExactly(qos);
        boolean refused = subscriptionRefused(eavesdropper, address, qos);
        ctx.note("subscription of another client to " + address + ": " + (refused ? "refused" : "granted"));
        if (!eavesdropper.isConnected()) {
            return;     // refused by closing the connection: nothing can reach it
        }
        String unique = "direct-" + ctx.target().naming().namespace() + "-" + ctx.topics().base().hashCode();
        AppClient pub = ctx.appConnected(kind);
        pub.publish(address, utf8(unique), qos, false);
        assertThat(message(target, ctx).text()).as("P2P message to its target").isEqualTo(unique);
        pub.publish(control, utf8("marker"), qos, false);
        assertThat(payloadsBefore(eavesdropper, ctx, "marker"))
                .as("a P2P message seen by another client through a subscription to the address %s", address).doesNotContain(unique);
    }
}
