package dev.lmqharness.broker.session;

import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.routing.RecipientDirectory;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.Router;
import dev.lmqharness.broker.rules.MessageIdGenerator;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.TopicFilters;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.store.Recipient;
import dev.lmqharness.broker.store.SessionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Session life cycle and the per-client protocol flows. Every public method hops onto the
 * client's own session loop first, so all state of one client changes on one thread, in the order
 * its packets arrived.
 */
public final class SessionManager implements RecipientDirectory {

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    private static final int CACHE_LIMIT = 10_000;

    private final SessionLoops loops;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SubscriptionTree tree;
    private final RetainedMessages retained;
    private final Router router;
    private final MessageStore durableStore;
    private final MessageStore volatileStore;
    private final MqttConfig mqtt;
    private final MessageIdGenerator ids;
    private final LongSupplier clock;

    public SessionManager(SessionLoops loops, SubscriptionTree tree, RetainedMessages retained,
                          MessageStore durableStore, MessageStore volatileStore, MqttConfig mqtt,
                          MessageIdGenerator ids, LongSupplier clock) {
        this.loops = loops;
        this.tree = tree;
        this.retained = retained;
        this.durableStore = durableStore;
        this.volatileStore = volatileStore;
        this.mqtt = mqtt;
        this.ids = ids;
        this.clock = clock;
        this.router = new Router(tree, this);
    }

    /** Brings back persistent sessions and their subscriptions after a restart (before listeners open). */
    public void restorePersistentSessions() {
        for (SessionRecord r : durableStore.loadSessions()) {
            Session s = newSession(r.clientId(), true);
            r.subscriptions().forEach((filter, qos) -> {
                s.subscriptions.put(filter, qos);
                tree.subscribe(filter, r.clientId(), qos);
            });
            sessions.put(r.clientId(), s);
        }
        log.info("restored {} persistent sessions, {} queued messages, {} retained messages",
                sessions.size(), durableStore.queuedCount(), retained.size());
    }

    private Session newSession(String clientId, boolean persistent) {
        return new Session(clientId, persistent, persistent ? durableStore : volatileStore,
                mqtt.maxInflight(), CACHE_LIMIT);
    }

    // ---- connection life cycle ------------------------------------------------------------

    public void connect(ClientConnection conn, ConnectRequest req) {
        loops.execute(req.clientId(), () -> doConnect(conn, req));
    }

    private void doConnect(ClientConnection conn, ConnectRequest req) {
        String cid = req.clientId();
        Session existing = sessions.get(cid);
        if (existing != null && existing.connection != null) {
            takeOver(existing);
            if (!existing.persistent) {
                destroy(existing);
                existing = null;
            }
        }
        Session session;
        boolean present;
        if (!req.cleanSession() && existing != null && existing.persistent) {
            session = existing;
            present = true;
        } else {
            if (existing != null) {
                destroy(existing); // cleanSession=1 discards any previous session (MQTT-3.1.2-6)
            }
            session = newSession(cid, !req.cleanSession());
            if (session.persistent) {
                durableStore.saveSession(session.toRecord());
            }
            present = false;
        }
        sessions.put(cid, session);
        session.connection = conn;
        session.will = req.will();
        conn.sendConnAck(0, present);
        if (session.persistent) {
            session.outbox.loadFromStore();
            session.outbox.resendInflight(conn);
            session.outbox.drain(conn);
        }
    }

    /** A second connection with the same client ID: the old one goes first (MQTT-3.1.4-2, LMQ-CID-4). */
    private void takeOver(Session s) {
        ClientConnection old = s.connection;
        detach(s, false);
        log.debug("client {} taken over, closing channel {}", s.clientId, old.channelId());
        old.close(); // its connection-lost report will find another connection and change nothing
    }

    /** The network connection ended; {@code graceful} when the client sent DISCONNECT first. */
    public void connectionLost(ClientConnection conn, String clientId, boolean graceful) {
        loops.execute(clientId, () -> {
            Session s = sessions.get(clientId);
            if (s == null || s.connection != conn) {
                return; // a stale connection never tears down a newer session
            }
            detach(s, graceful);
            if (!s.persistent) {
                destroy(s);
            }
        });
    }

    private void detach(Session s, boolean graceful) {
        WillMessage will = s.will;
        s.connection = null;
        s.will = null;
        s.outbox.forgetAll();
        if (!graceful && will != null) {
            publish(s.clientId, will.topic(), will.qos(), will.retain(), will.payload());
        }
    }

    private void destroy(Session s) {
        sessions.remove(s.clientId, s);
        for (String filter : s.subscriptions.keySet()) {
            tree.unsubscribe(filter, s.clientId);
        }
        s.store.deleteSession(s.clientId);
    }

    private Session current(ClientConnection conn, String clientId) {
        Session s = sessions.get(clientId);
        return s != null && s.connection == conn ? s : null;
    }

    // ---- inbound PUBLISH ------------------------------------------------------------------

    public void onPublish(ClientConnection conn, String clientId, String topic, int qos, boolean retain,
                         int packetId, byte[] payload) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s == null) {
                return;
            }
            switch (qos) {
                case 0 -> publish(clientId, topic, 0, retain, payload);
                case 1 -> {
                    publish(clientId, topic, 1, retain, payload);
                    conn.sendPubAck(packetId); // after the message is stored for every recipient
                }
                default -> {
                    // Route on PUBLISH, remember the ID until PUBREL so a re-sent PUBLISH is not routed twice.
                    if (s.awaitingRelease.add(packetId)) {
                        publish(clientId, topic, 2, retain, payload);
                    }
                    conn.sendPubRec(packetId);
                }
            }
        });
    }

    public void onPubRel(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s != null) {
                s.awaitingRelease.remove(packetId);
                conn.sendPubComp(packetId);
            }
        });
    }

    /** Accepts and routes one application message; returns its message ID. */
    private long publish(String publisherId, String topic, int qos, boolean retain, byte[] payload) {
        MessageRecord m = new MessageRecord(ids.next(), topic, qos, payload, publisherId, clock.getAsLong(), false);
        if (retain) {
            retained.update(m);
        }
        router.route(m);
        return m.id();
    }

    // ---- outbound acknowledgements ----------------------------------------------------------

    public void onPubAck(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s != null && s.outbox.onPubAck(packetId)) {
                s.outbox.drain(conn);
            }
        });
    }

    public void onPubRec(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s != null && s.outbox.onPubRec(packetId)) {
                conn.sendPubRel(packetId);
            }
        });
    }

    public void onPubComp(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s != null && s.outbox.onPubComp(packetId)) {
                s.outbox.drain(conn);
            }
        });
    }

    // ---- subscriptions --------------------------------------------------------------------

    public void onSubscribe(ClientConnection conn, String clientId, int packetId, List<Subscription> requested) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s == null) {
                return;
            }
            List<Integer> codes = new ArrayList<>(requested.size());
            List<Subscription> granted = new ArrayList<>();
            for (Subscription sub : requested) {
                if (!TopicFilters.isValidFilter(sub.filter())) {
                    codes.add(0x80);
                    continue;
                }
                int qos = Math.min(sub.qos(), 2);
                s.subscriptions.put(sub.filter(), qos); // an existing filter is replaced (MQTT-3.8.4-3)
                tree.subscribe(sub.filter(), clientId, qos);
                codes.add(qos);
                granted.add(new Subscription(sub.filter(), qos));
            }
            if (s.persistent) {
                durableStore.saveSession(s.toRecord());
            }
            conn.sendSubAck(packetId, codes);
            for (Subscription g : granted) {
                sendRetained(s, conn, g);
            }
        });
    }

    /** Retained messages matching a new subscription, with RETAIN=1 (MQTT-3.3.1-6, MQTT-3.3.1-8). */
    private void sendRetained(Session s, ClientConnection conn, Subscription sub) {
        for (MessageRecord m : retained.matching(sub.filter())) {
            int qos = Math.min(m.qos(), sub.qos());
            MessageRecord delivery = m.asRetainedDelivery(ids.next());
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

    public void onUnsubscribe(ClientConnection conn, String clientId, int packetId, List<String> filters) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s == null) {
                return;
            }
            for (String f : filters) {
                if (s.subscriptions.remove(f) != null) {
                    tree.unsubscribe(f, clientId);
                }
            }
            if (s.persistent) {
                durableStore.saveSession(s.toRecord());
            }
            conn.sendUnsubAck(packetId);
        });
    }

    // ---- RecipientDirectory (called by routing from the publisher's loop) -----------------

    @Override
    public MessageStore queueOf(String clientId) {
        Session s = sessions.get(clientId);
        return s == null ? null : s.store;
    }

    @Override
    public void notifyQueued(MessageStore queuedIn, QueueEntry entry, MessageRecord message) {
        loops.execute(entry.clientId(), () -> {
            Session s = sessions.get(entry.clientId());
            if (s == null || s.store != queuedIn) {
                // The session ended or changed kind while the message was routed: drop the orphan.
                queuedIn.ack(entry.clientId(), entry.seq());
                return;
            }
            ClientConnection conn = s.connection;
            s.outbox.accept(entry, message, conn != null);
            if (conn != null) {
                s.outbox.drain(conn);
            }
        });
    }

    @Override
    public void deliverQos0(String clientId, MessageRecord message) {
        loops.execute(clientId, () -> {
            Session s = sessions.get(clientId);
            ClientConnection conn = s == null ? null : s.connection;
            if (conn != null) {
                conn.sendPublish(message, 0, 0, false);
            }
        });
    }

    // ---- monitoring -----------------------------------------------------------------------

    public boolean isOnline(String clientId) {
        Session s = sessions.get(clientId);
        return s != null && s.online();
    }

    public int sessionCount() {
        return sessions.size();
    }
}
