package dev.lmqharness.broker.session;

import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.SubscribeOutcome;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.store.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE and UNSUBSCRIBE of one client, with the retained messages a new subscription gets. */
final class SubscribeFlow {

    private static final Logger log = LoggerFactory.getLogger(SubscribeFlow.class);

    private final Sessions sessions;
    private final SubscriptionTree tree;
    private final RetainedMessages retained;
    private final ProfileRules rules;
    private final Publisher publisher;

    SubscribeFlow(Sessions sessions, SubscriptionTree tree, RetainedMessages retained, ProfileRules rules,
                  Publisher publisher) {
        this.sessions = sessions;
        this.tree = tree;
        this.retained = retained;
        this.rules = rules;
        this.publisher = publisher;
    }

    void onSubscribe(ClientConnection conn, String clientId, int packetId, List<Subscription> requested) {
        Session s = sessions.current(conn, clientId);
        if (s == null) {
            return;
        }
        List<Integer> codes = new ArrayList<>(requested.size());
        List<Subscription> granted = new ArrayList<>();
        for (Subscription sub : requested) {
            SubscribeOutcome o = rules.subscribe(clientId, sub.filter(), sub.qos(), s.quota, s.permissions, s.accessKey);
            codes.add(o.subackCode());
            if (!o.isGranted()) {
                log.debug("SUBSCRIBE {} by {} refused: {}", sub.filter(), clientId, o.verdict());
                continue;
            }
            s.subscriptions.put(sub.filter(), o.grantedQos()); // an existing filter is replaced (MQTT-3.8.4-3)
            tree.subscribe(sub.filter(), clientId, o.grantedQos());
            granted.add(new Subscription(sub.filter(), o.grantedQos()));
        }
        sessions.saveIfPersistent(s);
        conn.sendSubAck(packetId, codes);
        for (Subscription g : granted) {
            sendRetained(s, conn, g);
        }
    }

    /** Retained messages matching a new subscription, with RETAIN=1 (MQTT-3.3.1-6, MQTT-3.3.1-8). */
    private void sendRetained(Session s, ClientConnection conn, Subscription sub) {
        for (MessageRecord m : retained.matching(sub.filter())) {
            int qos = Math.min(m.qos(), sub.qos());
            MessageRecord delivery = publisher.retainedDelivery(m);
            if (qos == 0) {
                conn.sendPublish(delivery, 0, 0, false);
                continue;
            }
            for (QueueEntry e : s.store.enqueue(delivery, List.of(new Recipient(s.clientId, qos)))) {
                s.outbox.accept(e, delivery, true);
            }
        }
        s.outbox.drain(conn);
    }

    void onUnsubscribe(ClientConnection conn, String clientId, int packetId, List<String> filters) {
        Session s = sessions.current(conn, clientId);
        if (s == null) {
            return;
        }
        for (String f : filters) {
            unsubscribe(s, f);
        }
        sessions.saveIfPersistent(s);
        conn.sendUnsubAck(packetId);
    }

    /** Removes one subscription and frees its quota slots. @return whether it was there */
    boolean unsubscribe(Session s, String filter) {
        if (s.subscriptions.remove(filter) == null) {
            return false;
        }
        tree.unsubscribe(filter, s.clientId);
        rules.unsubscribe(s.clientId, filter, s.quota);
        return true;
    }

    /** Re-subscribes a restored session's filters after a restart (before listeners open). */
    void restore(Session s, String filter, int qos) {
        if (s.quota != null) {
            rules.subscribe(s.clientId, filter, qos, s.quota, s.permissions, s.accessKey);
        }
        s.subscriptions.put(filter, qos);
        tree.subscribe(filter, s.clientId, qos);
    }
}
