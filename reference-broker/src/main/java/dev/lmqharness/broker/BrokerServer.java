package dev.lmqharness.broker;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.protocol.MqttChannelInstaller;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.session.MessageIds;
import dev.lmqharness.broker.session.SessionLoops;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.store.MemoryMessageStore;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.RocksDbMessageStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A running broker: store, sessions, routing and listeners wired together. */
final class BrokerServer {

    private final MessageStore durableStore;
    private final SessionLoops loops;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<Transport, Channel> listeners = new EnumMap<>(Transport.class);
    private final Map<Transport, Integer> ports = new EnumMap<>(Transport.class);

    private BrokerServer(BrokerConfig config) {
        durableStore = openStore(config.store());
        MessageStore volatileStore = new MemoryMessageStore();
        loops = new SessionLoops(config.mqtt().sessionThreads());
        SubscriptionTree tree = new SubscriptionTree();
        RetainedMessages retained = new RetainedMessages(durableStore);
        SessionManager sessions = new SessionManager(loops, tree, retained, durableStore, volatileStore,
                config.mqtt(), new MessageIds(durableStore.maxMessageId()), System::currentTimeMillis);
        sessions.restorePersistentSessions();
        MqttChannelInstaller installer = new MqttChannelInstaller(config.mqtt(), sessions);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        var tcp = config.listener(Transport.TCP);
        if (tcp.enabled()) {
            Channel ch = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            installer.install(c.pipeline());
                        }
                    })
                    .bind(tcp.host(), tcp.port()).syncUninterruptibly().channel();
            listeners.put(Transport.TCP, ch);
            ports.put(Transport.TCP, ((InetSocketAddress) ch.localAddress()).getPort());
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

    void stop() {
        listeners.values().forEach(c -> c.close().syncUninterruptibly());
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        loops.shutdown();
        durableStore.close();
    }
}
