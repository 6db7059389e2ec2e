package dev.lmqharness.broker.session;

import dev.lmqharness.broker.auth.AuthResult;
import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.rules.PublishVerdict;
import dev.lmqharness.broker.rules.SessionStart;
import dev.lmqharness.broker.rules.Verdict;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.store.SessionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's connection life cycle, on its session loop: CONNECT (refusal, takeover, session
 * start), the end of a connection (will, status event) and the end of a token.
 *
 * <p>LMQ-CID-4 (and MQTT-3.1.4-2), collision kicks: when a CONNECT arrives for a Client ID that is
 * connected, the older connection is detached and closed, and the newer one proceeds. Both run on
 * the one loop of that Client ID, so they never race, and the older connection's late loss report
 * finds another connection and changes nothing.
 *
 * <p>LMQ-EVT-2: a client is online exactly when one of its channels has a {@code connect} event and
 * no end event yet. So each accepted connection publishes one {@code connect} after its CONNACK and
 * exactly one end event when it is detached (DISCONNECT, loss, takeover); a stale connection
 * publishes none. {@link Session#online()} (the admin API's view) agrees with the events.
 */
final class ConnectFlow {

    /** Cited by the admin API's online-status errors. */
    static final String ONLINE_STATUS = "LMQ-EVT-2";

    private static final Logger log = LoggerFactory.getLogger(ConnectFlow.class);

    private final Sessions sessions;
    private final SubscribeFlow subscriptions;
    private final Publisher publisher;
    private final StatusEvents events;
    private final MessageStore durableStore;
    private final ProfileRules rules;
    private final BrokerMetrics metrics;
    private final Map<String, Set<ClientConnection>> connectionsByToken = new ConcurrentHashMap<>();

    ConnectFlow(Sessions sessions, SubscribeFlow subscriptions, Publisher publisher, StatusEvents events,
                MessageStore durableStore, ProfileRules rules, BrokerMetrics metrics) {
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.events = events;
        this.durableStore = durableStore;
        this.rules = rules;
        this.metrics = metrics;
    }

    /** Brings back persistent sessions and their subscriptions after a restart (before listeners open). */
    int restorePersistentSessions() {
        int restored = 0;
        for (SessionRecord r : durableStore.loadSessions()) {
            Session s = sessions.create(r.clientId(), true);
            r.subscriptions().forEach((filter, qos) -> subscriptions.restore(s, filter, qos));
            s.outbox.parkStoredInflight();
            sessions.put(s);
            restored++;
        }
        return restored;
    }

    void connect(ClientConnection conn, ConnectRequest req) {
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
        Session existing = sessions.get(cid);
        if (existing != null && existing.connection != null) {
            takeOver(existing);
        }
        if (existing != null && !existing.persistent) {
            sessions.destroy(existing); // a cleanSession=1 session never outlives its connection
            existing = null;
        }
        SessionStart start = rules.sessionStart(req.cleanSession(), existing != null);
        if (start.discardStoredSession()) {
            sessions.destroy(existing);
        }
        Session session;
        if (start.resumeStoredSession()) {
            session = existing;
        } else {
            session = sessions.create(cid, start.persistAfterDisconnect());
            sessions.saveIfPersistent(session);
        }
        sessions.put(session);
        session.connection = conn;
        session.will = req.will();
        session.permissions = auth.permissions();
        session.accessKey = auth.accessKey();
        if (start.resumeStoredSession()) {
            dropSubscriptionsNotPermitted(session);
        }
        session.tokens = auth.tokens();
        for (String token : session.tokens) {
            connectionsByToken.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet()).add(conn);
        }
        metrics.connectAccepted();
        conn.sendConnAck(0, start.sessionPresent());
        events.publish(EventType.CONNECT, cid, conn);
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

    /** The older connection goes first; its end event is published before the newer one's connect. */
    private void takeOver(Session s) {
        ClientConnection old = s.connection;
        detach(s, false);
        metrics.takeover();
        log.debug("client {} taken over, closing channel {}", s.clientId, old.channelId());
        old.close(); // its connection-lost report will find another connection and change nothing
    }

    /** The network connection ended; {@code graceful} when the client sent DISCONNECT first. */
    void connectionLost(ClientConnection conn, String clientId, boolean graceful) {
        Session s = sessions.current(conn, clientId);
        if (s == null) {
            return; // a stale connection never tears down a newer session
        }
        detach(s, graceful);
        if (!s.persistent) {
            sessions.destroy(s);
        }
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
        events.publish(EventType.forClose(graceful), s.clientId, conn);
        if (!graceful && will != null) {
            // A will is a PUBLISH of the client: the same topic, size and permission rules apply.
            PublishVerdict v = rules.checkPublish(will.topic(), will.payload().length, s.permissions);
            if (v.delivers()) {
                publisher.publish(s.clientId, will.topic(), will.qos(), will.retain(), will.payload());
            } else {
                log.debug("will of {} not published: {} {}", s.clientId, v.ruleId(), v.reason());
                metrics.discarded();
            }
        }
    }

    /** A resumed session keeps only the subscriptions its new credentials may read (see {@link ProfileRules}). */
    private void dropSubscriptionsNotPermitted(Session s) {
        List<String> gone = new ArrayList<>();
        for (String filter : s.subscriptions.keySet()) {
            boolean permitted = rules.isStatusFilter(filter)
                    ? !rules.checkStatusReader(s.clientId, s.accessKey, filter, s.permissions).refused()
                    : s.permissions.canSubscribe(filter);
            if (!permitted) {
                gone.add(filter);
            }
        }
        gone.forEach(f -> subscriptions.unsubscribe(s, f));
        if (!gone.isEmpty()) {
            durableStore.saveSession(s.toRecord());
        }
    }

    /** Subscriptions that end with the connection (QoS2 of a cleanSession=0 client), with their queued messages. */
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
        gone.forEach(f -> subscriptions.unsubscribe(s, f));
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

    /** A live connection whose token is revoked or expires is disconnected (see {@link dev.lmqharness.broker.auth.TokenAuthenticator}). */
    void tokenEnded(String instanceId, String token, TokenListener.Reason reason) {
        Set<ClientConnection> conns = connectionsByToken.remove(token);
        if (conns != null) {
            conns.forEach(c -> {
                log.debug("closing channel {}: token {}", c.channelId(), reason);
                c.close();
            });
        }
    }
}
