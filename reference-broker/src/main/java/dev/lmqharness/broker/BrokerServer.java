package dev.lmqharness.broker;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.protocol.MqttChannelInstaller;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.MessageIdGenerator;
import dev.lmqharness.broker.session.SessionLoops;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.store.MemoryMessageStore;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.RocksDbMessageStore;
import dev.lmqharness.broker.transport.ListenerGroup;
import dev.lmqharness.broker.transport.ServerCertificate;

import java.util.Map;
import java.util.Optional;

/** A running broker: store, sessions, routing and listeners wired together. */
final class BrokerServer {

    private final MessageStore durableStore;
    private final SessionLoops loops;
    private final ListenerGroup listeners;
    private final Map<Transport, Integer> ports;

    private BrokerServer(BrokerConfig config) {
        durableStore = openStore(config.store());
        try {
            MessageStore volatileStore = new MemoryMessageStore();
            loops = new SessionLoops(config.mqtt().sessionThreads());
            SubscriptionTree tree = new SubscriptionTree();
            RetainedMessages retained = new RetainedMessages(durableStore);
            SessionManager sessions = new SessionManager(loops, tree, retained, durableStore, volatileStore,
                    config.mqtt(), new MessageIdGenerator(durableStore.maxMessageId()), System::currentTimeMillis);
            sessions.restorePersistentSessions();
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

    void stop() {
        listeners.close();
        loops.shutdown();
        durableStore.close();
    }
}
