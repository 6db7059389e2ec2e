package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/** DISCONNECT; the client stays with the user, so a later connect resumes the same client ID. */
final class DisconnectAction extends MqttAction {

    DisconnectAction(String requestName, ScenarioContext ctx, Action next) {
        super("disconnect", requestName, ctx, next);
    }

    @Override
    protected void run(Session session) {
        MqttUser user = requireUser(session);
        if (!user.connected()) {
            next.$bang(session);
            return;
        }
        long start = WallClock.nowMillis();
        user.client().disconnect().whenComplete((v, error) -> {
            long end = WallClock.nowMillis();
            if (error == null) {
                ok(session, start, end);
                next.$bang(session);
            } else {
                ko(session, start, end, unwrap(error).getClass().getSimpleName(), describe(error));
                next.$bang(session.markAsFailed());
            }
        });
    }
}
