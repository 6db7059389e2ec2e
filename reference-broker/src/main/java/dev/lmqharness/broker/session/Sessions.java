package dev.lmqharness.broker.session;

import dev.lmqharness.broker.config.LimitsConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.limits.InflightWindow;
import dev.lmqharness.broker.limits.QueueBudget;
import dev.lmqharness.broker.limits.TotalQueueBytes;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTracer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sessions by client ID: creates and discards them. The map is concurrent so monitoring and
 * routing may look a session up from any thread, but a session's state changes only on its own
 * loop of {@link SessionLoops}.
 */
final class Sessions {

    private static final int CACHE_LIMIT = 10_000;

    private final SessionLoops loops;
    private final Map<String, Session> byClientId = new ConcurrentHashMap<>();
    private final SubscriptionTree tree;
    private final MessageStore durableStore;
    private final MessageStore volatileStore;
    private final MqttConfig mqtt;
    private final LimitsConfig limits;
    private final TotalQueueBytes totalQueued;
    private final ProfileRules rules;
    private final MessageTracer tracer;
    private final BrokerMetrics metrics;

    Sessions(SessionLoops loops, SubscriptionTree tree, MessageStore durableStore, MessageStore volatileStore,
             MqttConfig mqtt, LimitsConfig limits, ProfileRules rules, MessageTracer tracer, BrokerMetrics metrics) {
        this.loops = loops;
        this.tree = tree;
        this.durableStore = durableStore;
        this.volatileStore = volatileStore;
        this.mqtt = mqtt;
        this.limits = limits;
        this.totalQueued = new TotalQueueBytes(limits.totalCleanQueueBytes());
        metrics.gauge("lmq.limits.clean.queue.bytes", "bytes waiting in all clean sessions' queues", totalQueued::used);
        this.rules = rules;
        this.tracer = tracer;
        this.metrics = metrics;
    }

    Session get(String clientId) {
        return byClientId.get(clientId);
    }

    /** The client's session if {@code conn} is still its connection; a stale connection gets null. */
    Session current(ClientConnection conn, String clientId) {
        Session s = byClientId.get(clientId);
        return s != null && s.connection == conn ? s : null;
    }

    void put(Session s) {
        byClientId.put(s.clientId, s);
    }

    /** A new session; a persistent one queues in the durable store. */
    Session create(String clientId, boolean persistent) {
        MessageStore store = persistent ? durableStore : volatileStore;
        // A clean session's waiting entries are bounded by its budget (policy in Deliveries), so its
        // cache never overflows to the store; a persistent one is bounded by the store's cap.
        QueueBudget budget = new QueueBudget(limits.cleanQueueMessages(), limits.cleanQueueBytes(), totalQueued);
        Outbox outbox = new Outbox(clientId, store, new InflightWindow(mqtt.maxInflight(), limits.inflightBytes()),
                persistent ? CACHE_LIMIT : Integer.MAX_VALUE, budget, !persistent, new Outbox.Observer() {
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

    /** Discards a session: its subscriptions, quota slots and queued messages. */
    void destroy(Session s) {
        byClientId.remove(s.clientId, s);
        for (String filter : s.subscriptions.keySet()) {
            tree.unsubscribe(filter, s.clientId);
        }
        rules.releaseAll(s.clientId, s.quota);
        s.outbox.clearBudget(); // its share of the clean sessions' total
        s.store.deleteSession(s.clientId);
    }

    /** Saves a persistent session's subscriptions; a volatile one has nothing to save. */
    void saveIfPersistent(Session s) {
        if (s.persistent) {
            durableStore.saveSession(s.toRecord());
        }
    }

    /** A snapshot of one client's session, read on its own loop. */
    Optional<SessionView> view(String clientId) {
        try {
            return loops.loopOf(clientId).submit(() -> {
                Session s = byClientId.get(clientId);
                if (s == null) {
                    return Optional.<SessionView>empty();
                }
                ClientConnection c = s.connection;
                return Optional.of(new SessionView(clientId, c != null, c == null ? null : c.channelId(),
                        c == null ? null : c.remoteAddress(), s.persistent, List.copyOf(s.subscriptions.keySet()),
                        s.store.queuedCount(clientId)));
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("session loop of " + clientId + " did not answer", e);
        }
    }

    int count() {
        return byClientId.size();
    }

    long onlineCount() {
        return byClientId.values().stream().filter(Session::online).count();
    }
}
