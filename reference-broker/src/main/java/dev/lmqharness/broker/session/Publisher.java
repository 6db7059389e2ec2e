package dev.lmqharness.broker.session;

import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.Router;
import dev.lmqharness.broker.rules.P2pAddress;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.trace.MessageTracer;

import java.util.Optional;

/**
 * Accepts one application message (a client's PUBLISH, a will, a status event) and routes it:
 * gives it its message ID (see {@link MessageIdAllocator}), traces it, keeps it as retained, and
 * hands it to the {@link Router}. Runs on the publisher's loop.
 */
final class Publisher {

    private final MessageIdAllocator ids;
    private final BrokerClock clock;
    private final ProfileRules rules;
    private final RetainedMessages retained;
    private final Router router;
    private final OfflineQueue offline;
    private final MessageTracer tracer;
    private final BrokerMetrics metrics;

    Publisher(MessageIdAllocator ids, BrokerClock clock, ProfileRules rules, RetainedMessages retained, Router router,
              OfflineQueue offline, MessageTracer tracer, BrokerMetrics metrics) {
        this.ids = ids;
        this.clock = clock;
        this.rules = rules;
        this.retained = retained;
        this.router = router;
        this.offline = offline;
        this.tracer = tracer;
        this.metrics = metrics;
    }

    /** @return the message ID */
    long publish(String publisherId, String topic, int qos, boolean retain, byte[] payload) {
        MessageRecord m = new MessageRecord(ids.next(), topic, qos, payload, publisherId, clock.nowMillis(), false);
        metrics.published();
        tracer.published(m.id(), topic, qos, publisherId, m.timestamp());
        Optional<P2pAddress> p2p = rules.p2p(topic);
        if (retain && p2p.isEmpty()) {
            retained.update(m);
        }
        router.route(m, p2p.map(P2pAddress::targetClientId).orElse(null));
        if (qos > 0) {
            offline.enforceCap();
        }
        return m.id();
    }

    /** A retained message re-issued for a new subscription, with its own message ID. */
    MessageRecord retainedDelivery(MessageRecord m) {
        return m.asRetainedDelivery(ids.next());
    }
}
