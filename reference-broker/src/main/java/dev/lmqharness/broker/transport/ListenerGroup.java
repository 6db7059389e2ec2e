package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Binds every enabled listener of a {@link BrokerConfig} on one shared pair of event loop groups
 * (one acceptor thread, a pool of I/O threads; NIO) and closes them again.
 *
 * <pre>{@code
 * ListenerGroup listeners = new ListenerGroup(config, installer);
 * Map<Transport, Integer> ports = listeners.start();   // bound ports, e.g. {TCP=1883}
 * ...
 * listeners.close();                                    // bounded graceful shutdown
 * }</pre>
 *
 * All listeners bind or none: if one fails, those already bound are closed again and the
 * {@link ListenerBindException} names the transport, host and port.
 */
public final class ListenerGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerGroup.class);
    /** New tasks during this period restart it; keeps shutdown quick when the broker is idle. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final BrokerConfig config;
    private final MqttPipelineInstaller installer;
    private final Path dataDir;
    private final int ioThreads;

    private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
    private volatile Map<Transport, Integer> boundPorts = Map.of();
    private volatile ServerCertificate serverCertificate;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;

    /**
     * The self-signed certificate (if used) is kept under the store's path, see
     * {@link SslContextFactory#selfSigned(Path)}; I/O threads default to Netty's (2 x cores).
     */
    public ListenerGroup(BrokerConfig config, MqttPipelineInstaller installer) {
        this(config, installer, config.store().path() == null ? null : Path.of(config.store().path()), 0);
    }

    /**
     * @param dataDir   where a self-signed certificate is kept, or {@code null} for memory only
     * @param ioThreads number of I/O threads, 0 for Netty's default
     */
    public ListenerGroup(BrokerConfig config, MqttPipelineInstaller installer, Path dataDir, int ioThreads) {
        this.config = Objects.requireNonNull(config, "config");
        this.installer = Objects.requireNonNull(installer, "installer");
        this.dataDir = dataDir;
        this.ioThreads = ioThreads;
    }

    /**
     * Binds every enabled listener.
     *
     * @return the bound port of each enabled transport (the real one when the config says 0)
     * @throws ListenerBindException if a listener cannot be bound
     * @throws TlsSetupException     if a TLS listener is enabled and its certificate cannot be loaded
     */
    public synchronized Map<Transport, Integer> start() {
        if (bossGroup != null) {
            throw new IllegalStateException("already started");
        }
        SslContext sslContext = needsTls() ? loadTls() : null;
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lmq-accept"), NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("lmq-io"), NioIoHandler.newFactory());
        Map<Transport, Integer> ports = new EnumMap<>(Transport.class);
        try {
            for (Transport t : Transport.values()) {
                ListenerConfig listener = config.listener(t);
                if (listener.enabled()) {
                    ports.put(t, bind(listener, initializerFor(listener, sslContext)));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        boundPorts = Collections.unmodifiableMap(ports);
        return boundPorts;
    }

    /** Bound ports of the running listeners; empty before {@link #start()} and after {@link #close()}. */
    public Map<Transport, Integer> boundPorts() {
        return boundPorts;
    }

    /** The certificate the TLS and WSS listeners present, when one of them is enabled. */
    public Optional<ServerCertificate> serverCertificate() {
        return Optional.ofNullable(serverCertificate);
    }

    /** The I/O threads of the accepted connections ({@code null} before start). */
    public synchronized EventLoopGroup workerGroup() {
        return workerGroup;
    }

    /**
     * Closes the listening sockets, then every accepted connection with the I/O threads. Waits at
     * most a few seconds; idempotent.
     */
    @Override
    public synchronized void close() {
        for (Channel ch : serverChannels) {
            ch.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
        }
        serverChannels.clear();
        boundPorts = Map.of();
        if (bossGroup == null) {
            return;
        }
        Future<?> boss = shutdown(bossGroup);
        Future<?> workers = shutdown(workerGroup);
        long deadline = System.nanoTime() + SHUTDOWN_TIMEOUT.plusSeconds(1).toNanos();
        boolean done = boss.awaitUninterruptibly(remainingMillis(deadline))
                & workers.awaitUninterruptibly(remainingMillis(deadline));
        if (!done) {
            LOG.warn("Listener threads did not stop within {} s", SHUTDOWN_TIMEOUT.plusSeconds(1).toSeconds());
        }
        bossGroup = null;
        workerGroup = null;
    }

    private boolean needsTls() {
        return config.listener(Transport.TLS).enabled() || config.listener(Transport.WSS).enabled();
    }

    private SslContext loadTls() {
        ServerCertificate cert = SslContextFactory.loadCertificate(config.tls(), dataDir);
        serverCertificate = cert;
        return SslContextFactory.serverContext(cert);
    }

    private AbstractMqttChannelInitializer initializerFor(ListenerConfig listener, SslContext sslContext) {
        int wsFrameLimit = WebSocketChannelInitializer.maxFramePayloadBytes(config.mqtt());
        String path = listener.path() == null ? ListenerConfig.DEFAULT_WS_PATH : listener.path();
        return switch (listener.transport()) {
            case TCP -> new TcpChannelInitializer(installer);
            case TLS -> new TlsChannelInitializer(sslContext, installer);
            case WS -> new WebSocketChannelInitializer(path, wsFrameLimit, installer);
            case WSS -> new SecureWebSocketChannelInitializer(sslContext, path, wsFrameLimit, installer);
        };
    }

    private int bind(ListenerConfig listener, AbstractMqttChannelInitializer initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // Above the high mark a channel is not writable; the session layer then stops
                // writing to it (limits.outbound-*), and resumes when it drains below the low mark.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.limits().outboundLowWaterBytes(), config.limits().outboundHighWaterBytes()))
                .childHandler(initializer);
        ChannelFuture bound;
        try {
            bound = bootstrap.bind(listener.host(), listener.port()).awaitUninterruptibly();
        } catch (RuntimeException e) { // e.g. an unresolvable host name
            throw new ListenerBindException(listener.transport(), listener.host(), listener.port(), e);
        }
        if (!bound.isSuccess()) {
            throw new ListenerBindException(listener.transport(), listener.host(), listener.port(), bound.cause());
        }
        serverChannels.add(bound.channel());
        int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        LOG.debug("{} listener bound to {}", listener.transport(), ListenerAddresses.hostPort(listener.host(), port));
        return port;
    }

    private static Future<?> shutdown(EventLoopGroup group) {
        return group.shutdownGracefully(QUIET_PERIOD.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
