package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Waits until {@code count} clients (of any scenario) expect messages on a topic, so publishers
 * of one scenario start only once the subscribers of another are in place and no early message is
 * counted as lost.
 */
final class AwaitSubscribersAction extends MqttAction {

    private static final long POLL_MILLIS = 50;
    private final AwaitSubscribersBuilder spec;

    AwaitSubscribersAction(AwaitSubscribersBuilder spec, ScenarioContext ctx, Action next) {
        super("await-subscribers", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        String topic = spec.topic.resolve(session);
        poll(session, topic, WallClock.nowMillis());
    }

    private void poll(Session session, String topic, long start) {
        int n = mqtt.metrics().ledger().receiversExpecting(topic);
        long now = WallClock.nowMillis();
        if (n >= spec.count) {
            ok(session, start, now);
            next.$bang(session);
        } else if (now - start >= spec.timeout.toMillis()) {
            ko(session, start, now, "timeout", n + " of " + spec.count + " subscribers on '" + topic + "'");
            next.$bang(session.markAsFailed());
        } else {
            schedule(session, POLL_MILLIS, () -> poll(session, topic, start));
        }
    }
}
