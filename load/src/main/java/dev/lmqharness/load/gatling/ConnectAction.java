package dev.lmqharness.load.gatling;

import dev.lmqharness.kit.auth.UserPass;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.load.core.WallClock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

import java.util.Optional;

/**
 * CONNECT. The first connect of a virtual user creates its client (client ID from the protocol's
 * pattern, or from {@link ConnectBuilder#clientId}); later connects reuse it, so a persistent
 * session comes back under the same ID.
 */
final class ConnectAction extends MqttAction {

    private final ConnectBuilder spec;

    ConnectAction(ConnectBuilder spec, ScenarioContext ctx, Action next) {
        super("connect", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        Optional<MqttUser> existing = MqttUser.of(session);
        MqttUser user;
        Session s = session;
        if (existing.isPresent()) {
            user = existing.get();
            if (user.connected()) {
                long now = WallClock.nowMillis();
                ko(session, now, now, "state", "already connected");
                next.$bang(session.markAsFailed());
                return;
            }
        } else {
            long number = mqtt.nextClientNumber(session.scenario());
            s = s.set(MqttComponents.CLIENT_NUMBER_ATTRIBUTE, number);
            String clientId = spec.clientId == null
                    ? mqtt.protocol().clientIds().format(session.scenario(), mqtt.protocol().shard().index(), number)
                    : spec.clientId.resolve(s);
            user = MqttUser.create(mqtt, s, clientId, number);
            s = s.set(MqttComponents.USER_ATTRIBUTE, user).set(MqttComponents.CLIENT_ID_ATTRIBUTE, clientId);
        }
        Session out = s;
        throttled(out, () -> send(out, user));
    }

    private void send(Session session, MqttUser user) {
        MqttProtocol p = mqtt.protocol();
        boolean clean = spec.cleanSession != null ? spec.cleanSession : p.cleanSession();
        int keepAlive = spec.keepAlive != null ? spec.keepAlive : p.keepAliveSeconds();
        Mqtt3ConnectBuilder.Send<java.util.concurrent.CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck>> connect =
                user.client().connectWith().cleanSession(clean).keepAlive(keepAlive);
        UserPass auth = p.credentials().forClient(user.clientId());
        if (auth.present()) {
            var simple = connect.simpleAuth().username(auth.username());
            connect = auth.password() == null ? simple.applySimpleAuth() : simple.password(auth.password()).applySimpleAuth();
        }
        long start = WallClock.nowMillis();
        user.connectStarting(start);
        connect.send().whenComplete((ack, error) -> {
            long end = WallClock.nowMillis();
            user.connectFinished();
            if (error == null) {
                mqtt.metrics().count("connects");
                mqtt.metrics().latencies().record("connect", (end - start) * 1000);
                ok(session, start, end);
                next.$bang(session);
            } else {
                mqtt.metrics().count("connectFailures");
                Throwable cause = unwrap(error);
                String code = cause instanceof Mqtt3ConnAckException e
                        ? e.getMqttMessage().getReturnCode().name() : cause.getClass().getSimpleName();
                ko(session, start, end, code, describe(error));
                next.$bang(session.markAsFailed());
            }
        });
    }
}
