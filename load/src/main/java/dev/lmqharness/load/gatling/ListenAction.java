package dev.lmqharness.load.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Declares, without any packet, that this client should receive every message published on a
 * topic from now on: point-to-point messages ({@code <parent>/p2p/<clientId>}, RULES.md LMQ-P2P-1)
 * reach their target with no subscription.
 */
final class ListenAction extends MqttAction {

    private final ListenBuilder spec;

    ListenAction(ListenBuilder spec, ScenarioContext ctx, Action next) {
        super("listen", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        requireUser(session).receiver().expect(spec.filter.resolve(session));
        next.$bang(session);
    }
}
