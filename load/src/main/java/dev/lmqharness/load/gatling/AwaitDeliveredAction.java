package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.DeliveryLedger;
import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Waits until this client has every message it should have (its ledger entry: everything accepted
 * on topics it subscribed to or listens on). The user's own publishing ends here. The wait lasts
 * until at least {@code afterPublishers} publishers of the client's topics have ended and none of
 * them is still publishing, and every message they got accepted has arrived. OK when complete; KO
 * with the count of missing messages when the timeout passes. The response time is the drain
 * time. Assert zero loss with {@code details("<name>").failedRequests().count().is(0L)}.
 */
final class AwaitDeliveredAction extends MqttAction {

    private static final long POLL_MILLIS = 50;
    private final AwaitDeliveredBuilder spec;

    AwaitDeliveredAction(AwaitDeliveredBuilder spec, ScenarioContext ctx, Action next) {
        super("await-delivered", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        MqttUser user = requireUser(session);
        user.endPublishing();
        long start = WallClock.nowMillis();
        poll(session, user, start);
    }

    private void poll(Session session, MqttUser user, long start) {
        DeliveryLedger ledger = mqtt.metrics().ledger();
        DeliveryLedger.PublisherState publishers = ledger.publishersOf(user.receiver());
        boolean publishersDone = publishers.finished() >= spec.afterPublishers && publishers.active() == 0;
        long expected = user.receiver().expectedTotal();
        long got = user.receiver().uniqueTotal();
        long now = WallClock.nowMillis();
        if (publishersDone && got >= expected) {
            // The same timing as Gatling's, in the summary's histograms, for a drain p99 SLO (OfflineBacklog).
            mqtt.metrics().latencies().record(requestName, (now - start) * 1000);
            ok(session, start, now);
            next.$bang(session);
        } else if (now - start >= spec.timeout.toMillis()) {
            String why = publishersDone
                    ? "lost " + (expected - got) + " of " + expected + " messages"
                    : publishers.finished() + " publishers of its topics finished (" + spec.afterPublishers
                    + " awaited), " + publishers.active() + " still publishing; received " + got + " of " + expected;
            mqtt.metrics().latencies().record(requestName, (now - start) * 1000);
            ko(session, start, now, publishersDone ? "lost" : "timeout", why);
            next.$bang(session.markAsFailed());
        } else {
            schedule(session, POLL_MILLIS, () -> poll(session, user, start));
        }
    }
}
