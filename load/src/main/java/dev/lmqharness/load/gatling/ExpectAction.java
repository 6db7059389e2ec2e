package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Waits for the next {@code n} messages of this client. Messages that arrived before the action
 * (a reply faster than the step that awaits it) count, so nothing is missed; the response time is
 * the wait, zero when they were already there.
 */
final class ExpectAction extends MqttAction {

    private final ExpectBuilder spec;

    ExpectAction(ExpectBuilder spec, ScenarioContext ctx, Action next) {
        super("expect", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        MqttUser user = requireUser(session);
        long target = user.reserve(spec.count);
        long start = WallClock.nowMillis();
        boolean already = user.awaitReceived(target, () -> {
            ok(session, start, WallClock.nowMillis());
            next.$bang(session);
        });
        if (already) {
            ok(session, start, start);
            next.$bang(session);
            return;
        }
        schedule(session, spec.timeout.toMillis(), () -> {
            if (user.cancelWait(target)) {
                long end = WallClock.nowMillis();
                ko(session, start, end, "timeout", "received " + user.received() + " of " + target + " messages");
                user.resync();
                next.$bang(session.markAsFailed());
            }
        });
    }
}
