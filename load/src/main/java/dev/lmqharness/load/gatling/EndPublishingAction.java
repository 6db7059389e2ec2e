package dev.lmqharness.load.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Tells the ledger this user has published its last message, for users that go on (receiving)
 * after publishing; {@code awaitDelivered().afterPublishers(n)} waits for such signals. Users that
 * simply end are counted when they end.
 */
final class EndPublishingAction extends MqttAction {

    EndPublishingAction(String requestName, ScenarioContext ctx, Action next) {
        super("end-publishing", requestName, ctx, next);
    }

    @Override
    protected void run(Session session) {
        requireUser(session).endPublishing();
        next.$bang(session);
    }
}
