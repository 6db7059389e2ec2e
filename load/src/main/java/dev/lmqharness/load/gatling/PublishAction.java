package dev.lmqharness.load.gatling;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.lmqharness.load.core.PayloadCodec;
import dev.lmqharness.load.core.WallClock;
import dev.lmqharness.load.results.RunMetrics;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

import java.util.concurrent.CompletableFuture;

/**
 * PUBLISH one stamped message (publisher ID, sequence, send time). Response time is publish to
 * acknowledgement: PUBACK for QoS 1, PUBCOMP for QoS 2, written to the socket for QoS 0. By default
 * the user waits for it; with {@code noWait()} it goes on at once and the acknowledgement is
 * recorded when it comes. An acknowledged message counts in the delivery ledger even when it came
 * after the timeout: the ledger holds it in flight from before the send until it is counted (or
 * failed), and drains of its receivers wait for that.
 */
final class PublishAction extends MqttAction {

    private final PublishBuilder spec;

    PublishAction(PublishBuilder spec, ScenarioContext ctx, Action next) {
        super("publish", spec.requestName, ctx, next);
        this.spec = spec;
    }

    @Override
    protected void run(Session session) {
        MqttUser user = requireUser(session);
        String topic = spec.topic.resolve(session);
        int qos = spec.qos != null ? spec.qos : mqtt.protocol().qos();
        int size = spec.payloadSize != null ? spec.payloadSize : mqtt.protocol().payloadSize();
        RunMetrics metrics = mqtt.metrics();
        throttled(session, () -> {
            long sequence = user.nextSequence();
            long startMicros = WallClock.nowMicros();
            byte[] payload = PayloadCodec.encode(user.publisherId(), sequence, startMicros, qos, size);
            user.publishingOn(topic);
            metrics.ledger().sending(user.publisherId());
            CompletableFuture<Mqtt3Publish> future;
            try {
                future = user.client().publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(spec.retain)
                        .payload(payload).send();
            } catch (RuntimeException e) {
                metrics.ledger().notAccepted(user.publisherId());
                throw e;
            }
            user.markPublished();
            // The user's handler hangs off the ledger's stage, not off the client's future: callbacks
            // on one future run in no promised order (CompletableFuture runs the last one added first),
            // and a user that went on to its drain before the ledger counted its last publish could
            // leave before that message came back, leaving a phantom loss.
            var counted = future.whenComplete((ack, error) -> {
                if (error == null) {
                    metrics.ledger().accepted(user.publisherId(), topic, qos);
                } else {
                    metrics.ledger().notAccepted(user.publisherId());
                    metrics.count("publishFailures.qos" + qos);
                }
            });
            if (!spec.awaitAck) {
                next.$bang(session);
            }
            Timeouts.within(counted, session.eventLoop(), mqtt.protocol().ackTimeout().toMillis(), (ack, error) -> {
                long endMicros = WallClock.nowMicros();
                if (error == null) {
                    metrics.latencies().record("ack.qos" + qos, endMicros - startMicros);
                    ok(session, startMicros / 1000, endMicros / 1000);
                    if (spec.awaitAck) {
                        next.$bang(session);
                    }
                } else {
                    ko(session, startMicros / 1000, endMicros / 1000, unwrap(error).getClass().getSimpleName(), describe(error));
                    if (spec.awaitAck) {
                        next.$bang(session.markAsFailed());
                    }
                }
            });
        });
    }
}
