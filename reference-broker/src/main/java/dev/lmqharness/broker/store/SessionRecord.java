package dev.lmqharness.broker.store;

import java.util.Map;

/**
 * What survives of a persistent (cleanSession=0) session: its subscriptions, filter to granted QoS.
 * Queued messages live in the queue, not here.
 */
public record SessionRecord(String clientId, Map<String, Integer> subscriptions) {

    public SessionRecord {
        subscriptions = Map.copyOf(subscriptions);
    }
}
