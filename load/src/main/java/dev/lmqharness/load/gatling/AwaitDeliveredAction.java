package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.DrainCheck;
import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Waits until this client has every message it should have (its ledger entry: everything accepted
 * on topics it subscribed to or listens on). The user's own publishing ends here. The wait lasts
 * until at least {@code afterPublishers} publishers of the client's topics have ended, none of
 * them is still publishing or has a publish in flight (sent, outcome not yet counted), and every
 * message they got accepted has arrived ({@link DrainCheck}). OK when complete; KO
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
        poll(session, user, start, false);
    }

    /** @param waitedInFlight whether an earlier poll of this drain found publishes in flight */
    private void poll(Session session, MqttUser user, long start, boolean waitedInFlight) {
        DrainCheck.Verdict v = DrainCheck.check(mqtt.metrics().ledger(), user.receiver(), spec.afterPublishers);
        long now = WallClock.nowMillis();
        boolean inFlight = waitedInFlight || v.publishers().inFlight() > 0;
        if (v.complete()) {
            if (inFlight) {
                // How often the drain held its client for a publish not yet counted (issue 5's phantom loss).
                mqtt.metrics().count("drain.waitedForPublishesInFlight");
            }
            // The same timing as Gatling's, in the summary's histograms, for a drain p99 SLO (OfflineBacklog).
            mqtt.metrics().latencies().record(requestName, (now - start) * 1000);
            ok(session, start, now);
            next.$bang(session);
        } else if (now - start >= spec.timeout.toMillis()) {
            mqtt.metrics().latencies().record(requestName, (now - start) * 1000);
            ko(session, start, now, v.state() == DrainCheck.State.AWAITING_MESSAGES ? "lost" : "timeout", v.describe());
            next.$bang(session.markAsFailed());
        } else {
            schedule(session, POLL_MILLIS, () -> poll(session, user, start, inFlight));
        }
    }
}
