package dev.lmqharness.broker.session;

import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.rules.OfflinePolicy;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTracer;

import java.util.List;

/**
 * The offline messages of the durable store, per {@link OfflinePolicy}: which messages wait for
 * an offline client, the instance cap (oldest evicted first) and the retention (expired by the
 * periodic sweep). Removed entries are also dropped from their session's outbox, on its loop.
 */
final class OfflineQueue {

    private final SessionLoops loops;
    private final Sessions sessions;
    private final MessageStore durableStore;
    private final ProfileRules rules;
    private final MessageTracer tracer;
    private final BrokerMetrics metrics;

    OfflineQueue(SessionLoops loops, Sessions sessions, MessageStore durableStore, ProfileRules rules,
                 MessageTracer tracer, BrokerMetrics metrics) {
        this.loops = loops;
        this.sessions = sessions;
        this.durableStore = durableStore;
        this.rules = rules;
        this.tracer = tracer;
        this.metrics = metrics;
    }

    /** Whether a message for this offline client's subscription (or P2P address) waits for it. */
    boolean keepsFor(Session s, int subscriptionQos, boolean p2p) {
        return s.persistent && (p2p ? rules.keepsOfflineP2p(subscriptionQos, false)
                : rules.keepsOffline(subscriptionQos, false));
    }

    /** Evicts the oldest stored messages beyond the instance cap (never one in flight). */
    void enforceCap() {
        long over = rules.offlineEvictionCount(durableStore.queuedCount());
        if (over > 0) {
            removed(durableStore.evictOldest(over), DeliveryOutcome.EVICTED);
        }
    }

    /** Deletes the messages past the retention, unless retention is off (plain MQTT, fault injection). */
    void expire() {
        if (rules.offlineExpires()) {
            removed(durableStore.expireBefore(rules.offline().expireBeforeMillis()), DeliveryOutcome.EXPIRED);
        }
    }

    private void removed(List<QueueEntry> entries, DeliveryOutcome outcome) {
        if (entries.isEmpty()) {
            return;
        }
        if (outcome == DeliveryOutcome.EVICTED) {
            metrics.evicted(entries.size());
        } else {
            metrics.expired(entries.size());
        }
        for (QueueEntry e : entries) {
            tracer.delivery(e.messageId(), e.clientId(), outcome);
            loops.execute(e.clientId(), () -> {
                Session s = sessions.get(e.clientId());
                if (s != null) {
                    s.outbox.forget(e.seq());
                }
            });
        }
    }
}
