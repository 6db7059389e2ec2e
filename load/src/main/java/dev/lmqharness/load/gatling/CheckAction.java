package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

import java.util.function.Supplier;

/**
 * Records a verdict computed by the simulation (null = OK, otherwise the reason of a KO) as a
 * response, so that figures Gatling does not measure itself (the largest fleet meeting the SLO,
 * clients held at a plateau) can be asserted like any request.
 */
final class CheckAction extends MqttAction {

    private final Supplier<String> problem;

    CheckAction(String requestName, Supplier<String> problem, ScenarioContext ctx, Action next) {
        super("check", requestName, ctx, next);
        this.problem = problem;
    }

    @Override
    protected void run(Session session) {
        long start = WallClock.nowMillis();
        String p = problem.get();
        long end = WallClock.nowMillis();
        if (p == null) {
            ok(session, start, end);
            next.$bang(session);
        } else {
            ko(session, start, end, "check", p);
            next.$bang(session.markAsFailed());
        }
    }
}
