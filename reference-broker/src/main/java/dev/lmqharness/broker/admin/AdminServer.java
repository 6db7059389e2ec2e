package dev.lmqharness.broker.admin;

import com.sun.net.httpserver.HttpServer;
import dev.lmqharness.broker.config.AdminConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin HTTP API (JSON; endpoints in docs/admin-api.md) on its own port, on the JDK's built-in
 * HTTP server. Every request needs the bearer token ({@code admin.token}, or one generated here and
 * logged once at the first start) and passes {@link RequestGuard}'s Host, Origin and content-type
 * checks. Plain HTTP: bind it to loopback (the default) or a private network.
 *
 * <pre>{@code
 * AdminServer admin = new AdminServer(config.admin(), brokerAdmin).start();
 * int port = admin.port();   // the bound port, also when admin.port is 0
 * String token = admin.token(); // for "Authorization: Bearer <token>"
 * admin.stop();
 * }</pre>
 *
 * <p>{@link #start()} binds whatever {@code AdminConfig.enabled} says; the broker decides whether
 * to start it. Test-mode endpoints answer only when {@code AdminConfig.testMode} is set.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Admin calls are rare and short; two threads keep a slow scrape from blocking a test's call. */
    private static final int THREADS = 2;
    private static final AtomicInteger SERVER_COUNT = new AtomicInteger();

    private final AdminConfig config;
    private final BrokerAdmin broker;
    private final AdminToken token;
    private final RequestGuard guard;
    private boolean tokenLogged;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @throws dev.lmqharness.broker.config.ConfigException naming {@code admin.token} or
     *         {@code admin.allowed-hosts[i]} when one is malformed (embedded brokers skip the config validator)
     */
    public AdminServer(AdminConfig config, BrokerAdmin broker) {
        this.config = Objects.requireNonNull(config, "config");
        this.broker = Objects.requireNonNull(broker, "broker");
        this.token = config.token() == null ? AdminToken.generate() : AdminToken.configured(config.token());
        this.guard = new RequestGuard(token, HostAllowList.of(config.host(), config.allowedHosts()));
    }

    /** The bearer token every request must carry: the configured one, or the one generated for this server. */
    public String token() {
        return token.value();
    }

    /**
     * Binds {@code admin.host:admin.port} and serves. Idempotent.
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public synchronized AdminServer start() {
        if (server != null) {
            return this;
        }
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        HttpServer s;
        try {
            if (address.isUnresolved()) {
                throw new IOException("unknown host");
            }
            s = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the admin API to " + config.host() + ":" + config.port()
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        s.createContext("/", new AdminRouter(AdminApi.routes(broker, config.testMode()), guard));
        executor = Executors.newFixedThreadPool(THREADS, threads());
        s.setExecutor(executor);
        s.start();
        server = s;
        InetAddress bound = s.getAddress().getAddress();
        LOG.info("admin API listening on http://{}:{}{}", config.host(), port(), config.testMode() ? " (test mode)" : "");
        if (token.generated() && !tokenLogged) {
            // the only place a generated token appears; a restart of this server keeps it
            LOG.info("admin API token (generated; set admin.token or --admin-token to choose one): {}", token.value());
            tokenLogged = true;
        }
        if (!bound.isLoopbackAddress()) {
            LOG.warn("the admin API listens on {}, not loopback: its token travels unencrypted over plain HTTP",
                    bound.getHostAddress());
        }
        return this;
    }

    /** The bound port, or -1 when not running. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Closes the port at once and waits briefly for calls in progress. Idempotent. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static ThreadFactory threads() {
        int n = SERVER_COUNT.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lmq-admin-" + n + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
