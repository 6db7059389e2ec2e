package dev.lmqharness.broker;

import dev.lmqharness.broker.admin.AdminServer;
import dev.lmqharness.broker.admin.BrokerAdmin;
import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.protocol.MqttChannelInstaller;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.session.MessageIdAllocator;
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
    private SessionLoops loops;
    private final ListenerGroup listeners;
    private ScheduledExecutorService sweeper;
    private final Map<Transport, Integer> ports;
    private final BrokerAdmin admin;
    private final AdminServer adminServer;

    private BrokerServer(BrokerConfig config) {
        durableStore = openStore(config.store());
        try {
            BrokerClock clock = config.admin().testMode() ? ControllableClock.startingNow() : BrokerClock.system();
            ProfileRules rules = new ProfileRules(config.profile(), config.lmq(), clock);
            MessageTracer tracer = new MessageTracer(config.lmq().traceCapacity(), clock::nowMillis);
            BrokerMetrics metrics = new BrokerMetrics();
            loops = new SessionLoops(config.mqtt().sessionThreads());
            SessionManager sessions = new SessionManager(loops, new SubscriptionTree(), new RetainedMessages(durableStore),
                    durableStore, new MemoryMessageStore(), config.mqtt(), config.limits(), new MessageIdAllocator(durableStore),
                    clock, rules, tracer, metrics);
            sessions.restorePersistentSessions();
            metrics.gauge("lmq.sessions", "sessions held", sessions::sessionCount);
            metrics.gauge("lmq.clients.online", "connected clients", sessions::onlineCount);
            metrics.gauge("lmq.offline.stored", "messages queued in the durable store", durableStore::queuedCount);
            admin = new LiveBrokerAdmin(config, rules, sessions, tracer, metrics, durableStore, clock);
            sweeper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("lmq-sweeper", true));
            sweeper.scheduleWithFixedDelay(sessions::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            listeners = new ListenerGroup(config, new MqttChannelInstaller(effectiveMqtt(config), config.limits(),
                    sessions, metrics));
            ports = listeners.start();
            adminServer = config.admin().enabled() ? startAdmin(config) : null;
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
    }

    private AdminServer startAdmin(BrokerConfig config) {
        try {
            return new AdminServer(config.admin(), admin).start();
        } catch (RuntimeException e) {
            listeners.close();
            throw e;
        }
    }

    /** In the LMQ and Lite profiles the rulebook's frame cap ({@code PayloadLimit} Decision) is the codec's limit. */
    private static MqttConfig effectiveMqtt(BrokerConfig config) {
        MqttConfig m = config.mqtt();
        if (config.profile() == Profile.MQTT311) {
            return m;
        }
        return new MqttConfig(config.lmq().limits().maxFrameBytes(), m.maxInflight(), m.keepAliveFactor(),
                m.maxQueuedPerSession(), m.sessionThreads(), m.connectTimeoutSeconds());
    }

    private void stopQuietly() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (loops != null) {
            loops.shutdown();
        }
        durableStore.close();
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

    int adminPort() {
        return adminServer == null ? -1 : adminServer.port();
    }

    Optional<String> adminToken() {
        return adminServer == null ? Optional.empty() : Optional.of(adminServer.token());
    }

    void stop() {
        if (adminServer != null) {
            adminServer.stop();
        }
        listeners.close();
        sweeper.shutdownNow();
        loops.shutdown();
        durableStore.close();
    }
}
