package dev.lmqharness.broker;

import dev.lmqharness.broker.admin.BrokerAdmin;
import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.protocol.MqttChannelInstaller;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.MessageIdGenerator;
import dev.lmqharness.broker.session.ProfileRules;
import dev.lmqharness.broker.session.SessionLoops;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.store.MemoryMessageStore;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.RocksDbMessageStore;
import dev.lmqharness.broker.trace.MessageTracer;
import dev.lmqharness.broker.transport.ListenerGroup;
import dev.lmqharness.broker.transport.ServerCertificate;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A running broker: store, rules, sessions, routing and listeners wired together. */
final class BrokerServer {

    /** How often time-based rules run (token expiry, offline retention). */
    private static final long SWEEP_MILLIS = 1_000;

    private final MessageStore durableStore;
    private final SessionLoops loops;
    private final ListenerGroup listeners;
    private final ScheduledExecutorService sweeper;
    private final Map<Transport, Integer> ports;
    private final BrokerAdmin admin;

    private BrokerServer(BrokerConfig config) {
        durableStore = openStore(config.store());
        try {
            BrokerClock clock = config.admin().testMode() ? ControllableClock.startingNow() : BrokerClock.system();
            ProfileRules rules = new ProfileRules(config.profile(), config.lmq(), clock);
            MessageTracer tracer = new MessageTracer(config.lmq().traceCapacity(), clock::nowMillis);
            BrokerMetrics metrics = new BrokerMetrics();
            loops = new SessionLoops(config.mqtt().sessionThreads());
            SessionManager sessions = new SessionManager(loops, new SubscriptionTree(), new RetainedMessages(durableStore),
                    durableStore, new MemoryMessageStore(), config.mqtt(), new MessageIdGenerator(durableStore.maxMessageId()),
                    clock, rules, tracer, metrics);
            sessions.restorePersistentSessions();
            metrics.gauge("lmq.sessions", "sessions held", sessions::sessionCount);
            metrics.gauge("lmq.clients.online", "connected clients", sessions::onlineCount);
            metrics.gauge("lmq.offline.stored", "messages queued in the durable store", durableStore::queuedCount);
            admin = new LiveBrokerAdmin(config, rules, sessions, tracer, metrics, durableStore, clock);
            sweeper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("lmq-sweeper", true));
            sweeper.scheduleWithFixedDelay(sessions::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            listeners = new ListenerGroup(config, new MqttChannelInstaller(config.mqtt(), sessions));
            ports = listeners.start();
        } catch (RuntimeException e) {
            durableStore.close();
            throw e;
        }
    }

    private static MessageStore openStore(StoreConfig store) {
        return switch (store.type()) {
            case MEMORY -> new MemoryMessageStore();
            case ROCKSDB -> new RocksDbMessageStore(store);
        };
    }

    static BrokerServer start(BrokerConfig config) {
        return new BrokerServer(config);
    }

    Map<Transport, Integer> boundPorts() {
        return Map.copyOf(ports);
    }

    Optional<ServerCertificate> serverCertificate() {
        return listeners.serverCertificate();
    }

    BrokerAdmin admin() {
        return admin;
    }

    void stop() {
        listeners.close();
        sweeper.shutdownNow();
        loops.shutdown();
        durableStore.close();
    }
}
