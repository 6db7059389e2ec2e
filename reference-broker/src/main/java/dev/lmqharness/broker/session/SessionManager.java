package dev.lmqharness.broker.session;

import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.config.LimitsConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.Router;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.trace.MessageTracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The session layer's entry point: every packet of a client hops onto the client's own session
 * loop first and is handed there to the flow for its kind ({@link ConnectFlow},
 * {@link InboundPublishes}, {@link SubscribeFlow}, {@link Deliveries}), so all state of one client
 * changes on one thread, in the order its packets arrived. Which rules apply comes from
 * {@link ProfileRules}.
 */
public final class SessionManager {

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    /** Publisher ID of messages the broker itself publishes (status events). */
    public static final String BROKER_PUBLISHER = "$broker";
    /** The rule behind the admin API's online status (see {@link ConnectFlow}). */
    public static final String ONLINE_STATUS_RULE = ConnectFlow.ONLINE_STATUS;

    private final SessionLoops loops;
    private final ProfileRules rules;
    private final Sessions sessions;
    private final OfflineQueue offline;
    private final Deliveries deliveries;
    private final InboundPublishes publishes;
    private final SubscribeFlow subscriptions;
    private final ConnectFlow connections;
    private final MessageStore durableStore;
    private final RetainedMessages retained;

    public SessionManager(SessionLoops loops, SubscriptionTree tree, RetainedMessages retained,
                          MessageStore durableStore, MessageStore volatileStore, MqttConfig mqtt,
                          MessageIdAllocator ids, BrokerClock clock, ProfileRules rules,
                          MessageTracer tracer, BrokerMetrics metrics) {
        this(loops, tree, retained, durableStore, volatileStore, mqtt, LimitsConfig.defaults(), ids, clock, rules,
                tracer, metrics);
    }

    public SessionManager(SessionLoops loops, SubscriptionTree tree, RetainedMessages retained,
                          MessageStore durableStore, MessageStore volatileStore, MqttConfig mqtt, LimitsConfig limits,
                          MessageIdAllocator ids, BrokerClock clock, ProfileRules rules,
                          MessageTracer tracer, BrokerMetrics metrics) {
        this.loops = loops;
        this.rules = rules;
        this.durableStore = durableStore;
        this.retained = retained;
        this.sessions = new Sessions(loops, tree, durableStore, volatileStore, mqtt, limits, rules, tracer, metrics);
        this.offline = new OfflineQueue(loops, sessions, durableStore, rules, tracer, metrics);
        this.deliveries = new Deliveries(loops, sessions, offline, tracer, metrics, limits.cleanQueueOverflow());
        Publisher publisher = new Publisher(ids, clock, rules, retained, new Router(tree, deliveries), offline,
                tracer, metrics);
        this.publishes = new InboundPublishes(sessions, rules, publisher, metrics);
        this.subscriptions = new SubscribeFlow(sessions, tree, retained, rules, publisher);
        this.connections = new ConnectFlow(sessions, subscriptions, publisher, new StatusEvents(rules, publisher, clock),
                durableStore, rules, metrics);
        rules.tokens().addListener(connections::tokenEnded);
    }

    /** Brings back persistent sessions and their subscriptions after a restart (before listeners open). */
    public void restorePersistentSessions() {
        int restored = connections.restorePersistentSessions();
        log.info("restored {} persistent sessions, {} queued messages, {} retained messages",
                restored, durableStore.queuedCount(), retained.size());
    }

    public void connect(ClientConnection conn, ConnectRequest req) {
        loops.execute(req.clientId(), () -> connections.connect(conn, req));
    }

    /** The network connection ended; {@code graceful} when the client sent DISCONNECT first. */
    public void connectionLost(ClientConnection conn, String clientId, boolean graceful) {
        loops.execute(clientId, () -> connections.connectionLost(conn, clientId, graceful));
    }

    public void onPublish(ClientConnection conn, String clientId, String topic, int qos, boolean retain,
                          int packetId, byte[] payload) {
        loops.execute(clientId, () -> publishes.onPublish(conn, clientId, topic, qos, retain, packetId, payload));
    }

    public void onPubRel(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> publishes.onPubRel(conn, clientId, packetId));
    }

    public void onPing(ClientConnection conn, String clientId) {
        loops.execute(clientId, () -> {
            if (sessions.current(conn, clientId) != null) {
                conn.sendPingResp();
            }
        });
    }

    public void onPubAck(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> deliveries.onPubAck(conn, clientId, packetId));
    }

    public void onPubRec(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> deliveries.onPubRec(conn, clientId, packetId));
    }

    public void onPubComp(ClientConnection conn, String clientId, int packetId) {
        loops.execute(clientId, () -> deliveries.onPubComp(conn, clientId, packetId));
    }

    /** The connection's outbound buffer drained: go on sending what waits for it. */
    public void onWritable(ClientConnection conn, String clientId) {
        loops.execute(clientId, () -> deliveries.resume(conn, clientId));
    }

    public void onSubscribe(ClientConnection conn, String clientId, int packetId, List<Subscription> requested) {
        loops.execute(clientId, () -> subscriptions.onSubscribe(conn, clientId, packetId, requested));
    }

    public void onUnsubscribe(ClientConnection conn, String clientId, int packetId, List<String> filters) {
        loops.execute(clientId, () -> subscriptions.onUnsubscribe(conn, clientId, packetId, filters));
    }

    /** Periodic: ends expired tokens and deletes offline messages past the retention. */
    public void sweep() {
        rules.tokens().sweepExpired();
        offline.expire();
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

    /** A snapshot of one client's session, read on its own loop. */
    public Optional<SessionView> view(String clientId) {
        return sessions.view(clientId);
    }

    public boolean isOnline(String clientId) {
        Session s = sessions.get(clientId);
        return s != null && s.online();
    }

    public int sessionCount() {
        return sessions.count();
    }

    public long onlineCount() {
        return sessions.onlineCount();
    }
}
