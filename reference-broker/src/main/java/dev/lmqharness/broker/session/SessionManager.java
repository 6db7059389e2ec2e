package dev.lmqharness.broker.session;

import dev.lmqharness.broker.auth.AuthResult;
import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.events.StatusEvent;
import dev.lmqharness.broker.events.StatusEventJson;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.routing.RecipientDirectory;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.Router;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.P2pAddress;
import dev.lmqharness.broker.rules.PublishVerdict;
import dev.lmqharness.broker.rules.SubscribeOutcome;
import dev.lmqharness.broker.rules.Verdict;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.store.Recipient;
import dev.lmqharness.broker.store.SessionRecord;
import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session life cycle and the per-client protocol flows. Every public method hops onto the
 * client's own session loop first, so all state of one client changes on one thread, in the order
 * its packets arrived. Which rules apply comes from {@link ProfileRules}.
 */
public final class SessionManager implements RecipientDirectory {

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    private static final int CACHE_LIMIT = 10_000;
    /** Publisher ID of messages the broker itself publishes (status events). */
    public static final String BROKER_PUBLISHER = "$broker";

    private final SessionLoops loops;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientConnection>> connectionsByToken = new ConcurrentHashMap<>();
    private final SubscriptionTree tree;
    private final RetainedMessages retained;
    private final Router router;
    private final MessageStore durableStore;
    private final MessageStore volatileStore;
    private final MqttConfig mqtt;
    private final MessageIdAllocator ids;
    private final BrokerClock clock;
    private final ProfileRules rules;
    private final MessageTracer tracer;
    private final BrokerMetrics metrics;

    public SessionManager(SessionLoops loops, SubscriptionTree tree, RetainedMessages retained,
                          MessageStore durableStore, MessageStore volatileStore, MqttConfig mqtt,
                          MessageIdAllocator ids, BrokerClock clock, ProfileRules rules,
                          MessageTracer tracer, BrokerMetrics metrics) {
        this.loops = loops;
        this.tree = tree;
        this.retained = retained;
        this.durableStore = durableStore;
        this.volatileStore = volatileStore;
        this.mqtt = mqtt;
        this.ids = ids;
        this.clock = clock;
        this.rules = rules;
        this.tracer = tracer;
        this.metrics = metrics;
        this.router = new Router(tree, this);
        rules.tokens().addListener(this::tokenEnded);
    }

    /** Brings back persistent sessions and their subscriptions after a restart (before listeners open). */
    public void restorePersistentSessions() {
        for (SessionRecord r : durableStore.loadSessions()) {
            Session s = newSession(r.clientId(), true);
            r.subscriptions().forEach((filter, qos) -> {
                if (s.quota != null) {
                    rules.subscribe(r.clientId(), filter, qos, s.quota, s.permissions);
                }
                s.subscriptions.put(filter, qos);
                tree.subscribe(filter, r.clientId(), qos);
            });
            s.outbox.parkStoredInflight();
            sessions.put(r.clientId(), s);
        }
        log.info("restored {} persistent sessions, {} queued messages, {} retained messages",
                sessions.size(), durableStore.queuedCount(), retained.size());
    }

    private Session newSession(String clientId, boolean persistent) {
        MessageStore store = persistent ? durableStore : volatileStore;
        Outbox outbox = new Outbox(clientId, store, mqtt.maxInflight(), CACHE_LIMIT, new Outbox.Observer() {
            @Override
            public void sent(long messageId) {
                metrics.sent();
                tracer.delivery(messageId, clientId, DeliveryOutcome.SENT);
            }

            @Override
            public void acknowledged(long messageId) {
                tracer.delivery(messageId, clientId, DeliveryOutcome.ACKNOWLEDGED);
            }
        });
        return new Session(clientId, persistent, store, rules.newQuota(), outbox);
    }

    // ---- connection life cycle ------------------------------------------------------------

    public void connect(ClientConnection conn, ConnectRequest req) {
        loops.execute(req.clientId(), () -> doConnect(conn, req));
    }

    private void doConnect(ClientConnection conn, ConnectRequest req) {
        String cid = req.clientId();
        Verdict id = rules.checkClientId(cid);
        if (id.refused()) {
            refuse(conn, cid, id.returnCode(), id.ruleId() + ": " + id.reason());
            return;
        }
        AuthResult auth = rules.authenticate(cid, req.username(), req.password());
        if (!auth.accepted()) {
            refuse(conn, cid, auth.returnCode(), auth.ruleId() + ": " + auth.reason());
            return;
        }
        boolean clean = rules.effectiveCleanSession(req.cleanSession());
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
        if (!clean && existing != null && existing.persistent) {
            session = existing;
            present = true;
        } else {
            if (existing != null) {
                destroy(existing); // cleanSession=1 discards any previous session (MQTT-3.1.2-6, LMQ-QOS-3)
            }
            session = newSession(cid, !clean);
            if (session.persistent) {
                durableStore.saveSession(session.toRecord());
            }
            present = false;
        }
        sessions.put(cid, session);
        session.connection = conn;
        session.will = req.will();
        session.permissions = auth.permissions();
        if (present) {
            dropSubscriptionsNotPermitted(session);
        }
        session.tokens = auth.tokens();
        for (String token : session.tokens) {
            connectionsByToken.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet()).add(conn);
        }
        metrics.connectAccepted();
        conn.sendConnAck(0, present);
        statusEvent(EventType.CONNECT, cid, conn);
        if (session.persistent) {
            session.outbox.loadFromStore();
            session.outbox.resendInflight(conn);
            session.outbox.drain(conn);
        }
    }

    private void refuse(ClientConnection conn, String clientId, int returnCode, String reason) {
        log.debug("refusing CONNECT of {}: {}", clientId, reason);
        metrics.connectRefused();
        conn.sendConnAck(returnCode, false);
    }

    /** A second connection with the same client ID: the old one goes first (MQTT-3.1.4-2, LMQ-CID-4). */
    private void takeOver(Session s) {
        ClientConnection old = s.connection;
        detach(s, false);
        metrics.takeover();
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
        ClientConnection conn = s.connection;
        WillMessage will = s.will;
        s.connection = null;
        s.will = null;
        for (String token : s.tokens) {
            Set<ClientConnection> set = connectionsByToken.get(token);
            if (set != null) {
                set.remove(conn);
            }
        }
        s.outbox.park();
        if (s.persistent) {
            dropWhatDoesNotSurvive(s);
        }
        statusEvent(graceful ? EventType.DISCONNECT : EventType.TCPCLEAN, s.clientId, conn);
        if (!graceful && will != null) {
            // A will is a PUBLISH of the client: the same topic, size and permission rules apply.
            PublishVerdict v = rules.checkPublish(will.topic(), will.payload().length, s.permissions);
            if (v.delivers()) {
                publish(s.clientId, will.topic(), will.qos(), will.retain(), will.payload());
            } else {
                log.debug("will of {} not published: {} {}", s.clientId, v.ruleId(), v.reason());
                metrics.discarded();
            }
        }
    }

    /** LMQ-AUTH-2: a resumed session keeps only the subscriptions its new credentials may read. */
    private void dropSubscriptionsNotPermitted(Session s) {
        List<String> gone = new ArrayList<>();
        for (String filter : s.subscriptions.keySet()) {
            if (!rules.isStatusFilter(filter) && !s.permissions.canSubscribe(filter)) {
                gone.add(filter);
            }
        }
        for (String f : gone) {
            s.subscriptions.remove(f);
            tree.unsubscribe(f, s.clientId);
            rules.unsubscribe(s.clientId, f, s.quota);
        }
        if (!gone.isEmpty()) {
            durableStore.saveSession(s.toRecord());
        }
    }

    /** LMQ-QOS-2: QoS2 subscriptions of a cleanSession=false client behave as cleanSession=true. */
    private void dropWhatDoesNotSurvive(Session s) {
        List<String> gone = new ArrayList<>();
        s.subscriptions.forEach((filter, qos) -> {
            if (!rules.subscriptionSurvivesReconnect(qos, false)) {
                gone.add(filter);
            }
        });
        if (gone.isEmpty()) {
            return;
        }
        for (String f : gone) {
            s.subscriptions.remove(f);
            tree.unsubscribe(f, s.clientId);
            rules.unsubscribe(s.clientId, f, s.quota);
        }
        durableStore.saveSession(s.toRecord());
        long after = 0;
        while (true) {
            List<QueueEntry> page = s.store.readQueue(s.clientId, after, 512);
            if (page.isEmpty()) {
                break;
            }
            for (QueueEntry e : page) {
                after = e.seq();
                if (e.qos() == 2) {
                    s.store.ack(s.clientId, e.seq());
                }
            }
        }
    }

    private void destroy(Session s) {
        sessions.remove(s.clientId, s);
        for (String filter : s.subscriptions.keySet()) {
            tree.unsubscribe(filter, s.clientId);
        }
        rules.releaseAll(s.clientId, s.quota);
        s.store.deleteSession(s.clientId);
    }

    /** Closes the client's connection as a kick would. @return whether it was connected */
    public boolean closeConnection(String clientId) {
        Session s = sessions.get(clientId);
        ClientConnection c = s == null ? null : s.connection;
        if (c == null) {
            return false;
        }
        c.close();
        return true;
    }

    /** LMQ-AUTH-2 Decision: a live connection whose token is revoked or expires is disconnected. */
    private void tokenEnded(String instanceId, String token, TokenListener.Reason reason) {
        Set<ClientConnection> conns = connectionsByToken.remove(token);
        if (conns != null) {
            conns.forEach(c -> {
                log.debug("closing channel {}: token {}", c.channelId(), reason);
                c.close();
            });
        }
    }

    // ---- status events (LMQ-EVT-1) ------------------------------------------------------------

    private void statusEvent(EventType type, String clientId, ClientConnection conn) {
        String topic = rules.statusTopic();
        if (topic.isEmpty() || conn == null) {
            return;
        }
        StatusEvent e = new StatusEvent(type, clientId, conn.channelId(), conn.remoteAddress(), clock.nowMillis());
        publish(BROKER_PUBLISHER, topic, 1, false, StatusEventJson.toJson(e));
    }

    // ---- inbound PUBLISH ------------------------------------------------------------------

    public void onPublish(ClientConnection conn, String clientId, String topic, int qos, boolean retain,
                         int packetId, byte[] payload) {
        loops.execute(clientId, () -> {
            Session s = current(conn, clientId);
            if (s == null) {
                return;
            }
            PublishVerdict v = rules.checkPublish(topic, payload.length, s.permissions);
            if (v.closesConnection()) {
                log.debug("closing {}: {} {}", clientId, v.ruleId(), v.reason());
                metrics.discarded();
                conn.close();
                return;
            }
            boolean deliver = v.delivers();
            if (!deliver) {
                metrics.discarded(); // LMQ-MSG-1: acknowledged per its QoS, delivered to no one
            }
            switch (qos) {
                case 0 -> {
                    if (deliver) {
                        publish(clientId, topic, 0, retain, payload);
                    }
                }
                case 1 -> {
                    if (deliver) {
                        publish(clientId, topic, 1, retain, payload);
                    }
                    conn.sendPubAck(packetId); // after the message is stored for every recipient
                }
                default -> {
                    // Route on PUBLISH, remember the ID until PUBREL so a re-sent PUBLISH is not routed twice.
                    if (s.awaitingRelease.add(packetId) && deliver) {
                        publish(clientId, topic, 2, retain, payload);
                    }
                    conn.sendPubRec(packetId);
                }
            }
        });
    }

    public void onPing(ClientConnection conn, String clientId) {
        loops.execute(clientId, () -> {
            if (current(conn, clientId) != null) {
                conn.sendPingResp();
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

    /** Accepts and routes one application message; returns its message ID (LMQ-MSG-3). */
    private long publish(String publisherId, String topic, int qos, boolean retain, byte[] payload) {
        MessageRecord m = new MessageRecord(ids.next(), topic, qos, payload, publisherId, clock.nowMillis(), false);
        metrics.published();
        tracer.published(m.id(), topic, qos, publisherId, m.timestamp());
        Optional<P2pAddress> p2p = rules.p2p(topic);
        if (retain && p2p.isEmpty()) {
            retained.update(m);
        }
        router.route(m, p2p.map(P2pAddress::targetClientId).orElse(null));
        if (qos > 0) {
            enforceOfflineCap();
        }
        return m.id();
    }

    // ---- offline store limits (LMQ-OFF-1, LMQ-OFF-3) --------------------------------------------

    /** LMQ-OFF-3: beyond the cap the oldest stored messages go first (never one in flight). */
    private void enforceOfflineCap() {
        long over = durableStore.queuedCount() - rules.maxOfflineMessages();
        if (over > 0) {
            removed(durableStore.evictOldest(over), DeliveryOutcome.EVICTED);
        }
    }

    /** Periodic: ends expired tokens and deletes offline messages past the retention (LMQ-OFF-1). */
    public void sweep() {
        rules.tokens().sweepExpired();
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

    private Session current(ClientConnection conn, String clientId) {
        Session s = sessions.get(clientId);
        return s != null && s.connection == conn ? s : null;
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
                SubscribeOutcome o = rules.subscribe(clientId, sub.filter(), sub.qos(), s.quota, s.permissions);
                codes.add(o.subackCode());
                if (!o.isGranted()) {
                    log.debug("SUBSCRIBE {} by {} refused: {}", sub.filter(), clientId, o.verdict());
                    continue;
                }
                s.subscriptions.put(sub.filter(), o.grantedQos()); // an existing filter is replaced (MQTT-3.8.4-3)
                tree.subscribe(sub.filter(), clientId, o.grantedQos());
                granted.add(new Subscription(sub.filter(), o.grantedQos()));
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
                    rules.unsubscribe(clientId, f, s.quota);
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
    public MessageStore queueFor(String clientId, int subscriptionQos, boolean p2p, MessageRecord message) {
        Session s = sessions.get(clientId);
        if (s == null) {
            tracer.delivery(message.id(), clientId, DeliveryOutcome.DROPPED_OFFLINE);
            return null;
        }
        if (s.connection == null) {
            boolean keep = s.persistent && (p2p ? rules.keepsOfflineP2p(subscriptionQos, false)
                    : rules.keepsOffline(subscriptionQos, false));
            if (!keep) {
                tracer.delivery(message.id(), clientId, DeliveryOutcome.DROPPED_OFFLINE);
                return null;
            }
        }
        tracer.delivery(message.id(), clientId, DeliveryOutcome.QUEUED);
        return s.store;
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
            if (conn == null && !(s.persistent && rules.keepsOffline(entry.qos(), false))) {
                // Routed while the client was still online, arrived after it left: not an offline message
                // of this cell (e.g. LMQ-QOS-2), so it is dropped like one routed a moment later.
                queuedIn.ack(entry.clientId(), entry.seq());
                tracer.delivery(message.id(), entry.clientId(), DeliveryOutcome.DROPPED_OFFLINE);
                return;
            }
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
            if (conn != null && s.outbox.offerQos0(message, conn)) {
                metrics.sent();
                tracer.delivery(message.id(), clientId, DeliveryOutcome.PUSHED);
            } else {
                tracer.delivery(message.id(), clientId, DeliveryOutcome.DROPPED_OFFLINE);
            }
        });
    }

    // ---- monitoring -----------------------------------------------------------------------

    /** A snapshot of one client's session, read on its own loop. */
    public Optional<SessionView> view(String clientId) {
        try {
            return loops.loopOf(clientId).submit(() -> {
                Session s = sessions.get(clientId);
                if (s == null) {
                    return Optional.<SessionView>empty();
                }
                ClientConnection c = s.connection;
                return Optional.of(new SessionView(clientId, c != null, c == null ? null : c.channelId(),
                        c == null ? null : c.remoteAddress(), s.persistent, List.copyOf(s.subscriptions.keySet()),
                        s.store.queuedCount(clientId)));
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("session loop of " + clientId + " did not answer", e);
        }
    }

    public boolean isOnline(String clientId) {
        Session s = sessions.get(clientId);
        return s != null && s.online();
    }

    public int sessionCount() {
        return sessions.size();
    }

    public long onlineCount() {
        return sessions.values().stream().filter(Session::online).count();
    }
}
