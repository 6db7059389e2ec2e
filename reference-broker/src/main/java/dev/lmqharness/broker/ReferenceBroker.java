package dev.lmqharness.broker;

import dev.lmqharness.broker.admin.BrokerAdmin;
import dev.lmqharness.broker.config.AdminConfig;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.transport.ServerCertificate;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The reference broker, embedded. {@code ReferenceBroker.builder().tcpPort(0).inMemory().build().start()}
 * gives a running broker on an ephemeral port; {@link #port(Transport)} tells which.
 */
public final class ReferenceBroker implements AutoCloseable {

    private final BrokerConfig config;
    private volatile BrokerServer server;

    private ReferenceBroker(BrokerConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public BrokerConfig config() {
        return config;
    }

    /** Opens the store and binds every enabled listener; throws if any of them fails. */
    public synchronized ReferenceBroker start() {
        if (server == null) {
            server = BrokerServer.start(config);
        }
        return this;
    }

    /** The bound port of a listener, or -1 when it is off or the broker is not running. */
    public int port(Transport transport) {
        BrokerServer s = server;
        if (s == null) {
            return -1;
        }
        return s.boundPorts().getOrDefault(transport, -1);
    }

    public Map<Transport, Integer> boundPorts() {
        BrokerServer s = server;
        return s == null ? Map.of() : s.boundPorts();
    }

    /** The TLS certificate the TLS/WSS listeners present (e.g. the generated self-signed one), if any. */
    public Optional<ServerCertificate> serverCertificate() {
        BrokerServer s = server;
        return s == null ? Optional.empty() : s.serverCertificate();
    }

    /** The bound port of the admin HTTP API, or -1 when it is off or the broker is not running. */
    public int adminPort() {
        BrokerServer s = server;
        return s == null ? -1 : s.adminPort();
    }

    /** The bearer token of the admin HTTP API (configured or generated at start); empty when it is off or stopped. */
    public Optional<String> adminToken() {
        BrokerServer s = server;
        return s == null ? Optional.empty() : s.adminToken();
    }

    /** The running broker's admin facade (instance objects, tokens, traces, test clock); empty when stopped. */
    public Optional<BrokerAdmin> admin() {
        BrokerServer s = server;
        return s == null ? Optional.empty() : Optional.of(s.admin());
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Closes listeners and connections, then the store. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Starts from {@link BrokerConfig#defaults()} but with only TCP on an ephemeral port and an in-memory store. */
    public static final class Builder {
        private BrokerConfig config = BrokerConfig.defaults()
                .withListener(ListenerConfig.defaults(Transport.TCP).withHost("127.0.0.1").withPort(0))
                .withStore(StoreConfig.memory());

        public Builder config(BrokerConfig c) {
            this.config = c;
            return this;
        }

        public Builder profile(Profile p) {
            config = config.withProfile(p);
            return this;
        }

        private Builder listen(Transport t, int port) {
            ListenerConfig current = config.listener(t);
            config = config.withListener(port < 0 ? current.withEnabled(false) : current.withHost("127.0.0.1").withPort(port));
            return this;
        }

        /** A port of 0 binds an ephemeral port; a negative port turns the listener off. */
        public Builder tcpPort(int port) {
            return listen(Transport.TCP, port);
        }

        public Builder tlsPort(int port) {
            return listen(Transport.TLS, port);
        }

        public Builder wsPort(int port) {
            return listen(Transport.WS, port);
        }

        public Builder wssPort(int port) {
            return listen(Transport.WSS, port);
        }

        public Builder lmq(LmqConfig l) {
            config = config.withLmq(l);
            return this;
        }

        /** Turns the admin HTTP API on at 127.0.0.1 on the given port (0 = ephemeral; see {@link #adminPort()}). */
        public Builder adminPort(int port) {
            config = config.withAdmin(config.admin().withEnabled(port >= 0).withHost("127.0.0.1").withPort(Math.max(port, 0)));
            return this;
        }

        /** The admin API's bearer token ({@code admin.token}); without it the broker generates one at start. */
        public Builder adminToken(String token) {
            config = config.withAdmin(config.admin().withToken(token));
            return this;
        }

        public Builder admin(AdminConfig a) {
            config = config.withAdmin(a);
            return this;
        }

        /** A controllable clock (advance it through {@link #admin()}); never for production. */
        public Builder testMode() {
            config = config.withAdmin(config.admin().withTestMode(true));
            return this;
        }

        /** Fault injection: deliberately break one rule (see {@link LmqConfig#BREAKABLE_RULES}). */
        public Builder breakRule(String ruleId) {
            if (!LmqConfig.BREAKABLE_RULES.contains(ruleId)) {
                throw new IllegalArgumentException("rule " + ruleId + " cannot be broken; one of " + LmqConfig.BREAKABLE_RULES);
            }
            java.util.Set<String> all = new java.util.HashSet<>(config.lmq().brokenRules());
            all.add(ruleId);
            config = config.withLmq(config.lmq().withBrokenRules(all));
            return this;
        }

        public Builder inMemory() {
            config = config.withStore(StoreConfig.memory());
            return this;
        }

        public Builder rocksDb(Path dir) {
            config = config.withStore(StoreConfig.rocksdb(dir.toString()));
            return this;
        }

        public ReferenceBroker build() {
            return new ReferenceBroker(config);
        }
    }
}
