package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;

import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.subscriptionRefused;
import static dev.lmqharness.suite.tests.support.OfflineBarrier.awaitOffline;
import static org.assertj.core.api.Assertions.assertThat;

/** The Lite edition: QoS0 with cleanSession=true only, no offline messages, no wildcards (LMQ-ED-1). */
@ConformanceTest(area = "edition")
class LiteEditionTest {

    @BothClients
    @Rule("LMQ-ED-1")
    void liteOffersOnlyQos0CleanSessionsWithoutWildcards(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("lite");
        AppClient sub = ctx.appConnected(kind);
        List<Integer> granted = sub.subscribe(topic, 1);
        assertThat(granted.get(0)).as("a QoS 1 subscription on Lite is granted QoS 0 or refused").isIn(0, 0x80);
        if (granted.get(0) == 0x80) {
            assertThat(sub.subscribe(topic, 0)).containsExactly(0);
        }
        assertThat(subscriptionRefused(ctx.appConnected(kind), ctx.topics().topic("+"), 0)).as("a wildcard subscription on Lite").isTrue();
        assertThat(subscriptionRefused(ctx.appConnected(kind), ctx.topics().all(), 0)).as("a '#' subscription on Lite").isTrue();

        AppClient pub = ctx.appConnected(kind);
        pub.publish(topic, utf8("q0"), 0, false);
        AppMessage m = message(sub, ctx);
        assertThat(m.qos()).isZero();

        // cleanSession=false is refused or has no effect: no offline messages.
        AppClient persistent = ctx.app(kind);
        ConnectOutcome o = persistent.connect(ctx.appOptions(persistent, false));
        ctx.persistent(persistent.clientId());
        if (o.accepted()) {
            persistent.subscribe(topic, 0);
            persistent.disconnect();
            awaitOffline(ctx, persistent.clientId(), false);
            pub.publish(topic, utf8("offline"), 0, false);
            ctx.connect(persistent, false);
            persistent.subscribe(topic, 0);
            pub.publish(topic, utf8("marker"), 0, false);
            assertThat(payloadsBefore(persistent, ctx, "marker")).as("offline messages on Lite").isEmpty();
        }
    }
}
