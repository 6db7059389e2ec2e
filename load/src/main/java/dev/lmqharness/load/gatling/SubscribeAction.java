package dev.lmqharness.load.gatling;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * SUBSCRIBE to one filter. On a granted SUBACK the client's ledger entry starts expecting every
 * message published on matching topics from now on (unless {@code untracked()}); a refused filter
 * (0x80) is KO.
 */
final class SubscribeAction extends MqttAction {

    private final SubscribeBuilder spec;

    SubscribeAction(SubscribeBuilder spec, ScenarioContext ctx, Action next) {
        super("subscribe", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        MqttUser user = requireUser(session);
        String filter = spec.filter.resolve(session);
        int qos = spec.qos != null ? spec.qos : mqtt.protocol().qos();
        throttled(session, () -> {
            long start = WallClock.nowMillis();
            var future = user.client().subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send();
            Timeouts.within(future, session.eventLoop(), mqtt.protocol().ackTimeout().toMillis(), (subAck, error) -> {
                long end = WallClock.nowMillis();
                if (error != null) {
                    ko(session, start, end, unwrap(error).getClass().getSimpleName(), describe(error));
                    next.$bang(session.markAsFailed());
                } else if (subAck.getReturnCodes().stream().anyMatch(Mqtt3SubAckReturnCode::isError)) {
                    ko(session, start, end, "0x80", "subscription to '" + filter + "' refused");
                    next.$bang(session.markAsFailed());
                } else {
                    if (spec.tracked) {
                        user.receiver().expect(filter);
                    }
                    ok(session, start, end);
                    next.$bang(session);
                }
            });
        });
    }
}
