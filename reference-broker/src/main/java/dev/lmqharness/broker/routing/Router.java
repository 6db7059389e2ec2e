package dev.lmqharness.broker.routing;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.store.Recipient;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes one accepted message: finds the recipients, stores the message once per store with an
 * entry per QoS1/2 recipient, and only then notifies their sessions. When {@link #route} returns,
 * every QoS1/2 recipient's entry is durable, so the publisher may be acknowledged.
 */
public final class Router {

    private final SubscriptionTree subscriptions;
    private final RecipientDirectory directory;

    public Router(SubscriptionTree subscriptions, RecipientDirectory directory) {
        this.subscriptions = subscriptions;
        this.directory = directory;
    }

    /**
     * @param p2pTarget the one client a P2P message goes to ({@code P2pAddress}, no subscription, ordinary
     *                  subscriptions never match it), or null for subscription routing
     * @return number of recipients it was delivered or queued to
     */
    public int route(MessageRecord message, String p2pTarget) {
        boolean p2p = p2pTarget != null;
        Map<String, Integer> matches = p2p ? Map.of(p2pTarget, message.qos()) : subscriptions.match(message.topic());
        if (matches.isEmpty()) {
            return 0;
        }
        Map<MessageStore, List<Recipient>> queued = new IdentityHashMap<>();
        int recipients = 0;
        for (Map.Entry<String, Integer> m : matches.entrySet()) {
            int qos = Math.min(message.qos(), m.getValue());
            if (qos == 0) {
                directory.deliverQos0(m.getKey(), message);
                recipients++;
                continue;
            }
            MessageStore store = directory.queueFor(m.getKey(), m.getValue(), p2p, message);
            if (store != null) {
                queued.computeIfAbsent(store, s -> new ArrayList<>()).add(new Recipient(m.getKey(), qos));
                recipients++;
            }
        }
        for (Map.Entry<MessageStore, List<Recipient>> q : queued.entrySet()) {
            for (QueueEntry e : q.getKey().enqueue(message, q.getValue())) {
                directory.notifyQueued(q.getKey(), e, message);
            }
        }
        return recipients;
    }
}
