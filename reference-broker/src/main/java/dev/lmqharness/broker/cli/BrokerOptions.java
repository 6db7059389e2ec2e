package dev.lmqharness.broker.cli;

import dev.lmqharness.broker.config.AdminConfig;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.TlsConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.rules.SubscriptionQuota;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;

/**
 * The command-line flags that override the config file. A flag left out changes nothing; each
 * description names the file key it overrides.
 */
final class BrokerOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (see config/broker.yaml); without it the defaults apply")
    Path configFile;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "mqtt311, lmq or lite (profile)")
    Profile profile;

    @Option(names = "--host", paramLabel = "HOST",
            description = "address every listener binds to (listeners.*.host)")
    String host;

    @Option(names = "--tcp-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "MQTT over TCP (listeners.tcp); default 1883")
    Integer tcpPort;

    @Option(names = "--tls-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "MQTT over TLS (listeners.tls); default 8883, off")
    Integer tlsPort;

    @Option(names = "--ws-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "MQTT over WebSocket at /mqtt (listeners.ws); default 8083, off")
    Integer wsPort;

    @Option(names = "--wss-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "MQTT over WebSocket over TLS at /mqtt (listeners.wss); default 8084, off")
    Integer wssPort;

    @Option(names = "--store", paramLabel = "TYPE",
            description = "memory or rocksdb (store.type)")
    StoreConfig.Type store;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "RocksDB files and the self-signed certificate (store.path); default ./data")
    String dataDir;

    @Option(names = "--fsync", negatable = true,
            description = "sync the RocksDB log to disk on every write (store.fsync)")
    Boolean fsync;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "PKCS12 or JKS key store for TLS (tls.key-store)")
    String keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", defaultValue = "${env:LMQ_KEYSTORE_PASSWORD}",
            description = "key store password (tls.key-store-password); default $LMQ_KEYSTORE_PASSWORD")
    String keystorePassword;

    @Option(names = "--keystore-type", paramLabel = "TYPE",
            description = "PKCS12 or JKS (tls.key-store-type)")
    String keystoreType;

    @Option(names = "--cert-pem", paramLabel = "FILE",
            description = "PEM certificate chain for TLS, leaf first (tls.cert-chain-pem)")
    String certPem;

    @Option(names = "--key-pem", paramLabel = "FILE",
            description = "PEM private key for --cert-pem (tls.private-key-pem)")
    String keyPem;

    @Option(names = "--self-signed",
            description = "TLS with a generated certificate for localhost, development only (tls.self-signed)")
    Boolean selfSigned;

    @Option(names = "--admin-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "admin HTTP API on admin.host, 127.0.0.1 unless the file says otherwise (admin.port); default 8080, off")
    Integer adminPort;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:LMQ_ADMIN_TOKEN}",
            description = "bearer token of the admin API, at least 16 characters (admin.token); default $LMQ_ADMIN_TOKEN,"
                    + " else one is generated at start and logged once")
    String adminToken;

    @Option(names = "--admin-allowed-host", paramLabel = "HOST",
            description = "a further name the admin API answers to in the Host header, besides loopback"
                    + " (repeatable; replaces admin.allowed-hosts)")
    java.util.List<String> adminAllowedHosts;

    @Option(names = "--test-mode", negatable = true,
            description = "controllable broker clock, advanced through the admin API; never in production (admin.test-mode)")
    Boolean testMode;

    @Option(names = "--break-rule", paramLabel = "RULE-ID",
            description = "fault injection, to show the conformance suite catches it: deliberately break this rule "
                    + "(repeatable; e.g. " + SubscriptionQuota.RULE + "; see the README for the supported IDs) (lmq.break-rules)")
    java.util.List<String> breakRules;

    /** The flags applied over {@code base}; values are checked later, on the merged config. */
    BrokerConfig applyTo(BrokerConfig base) {
        BrokerConfig c = base;
        if (profile != null) {
            c = c.withProfile(profile);
        }
        if (host != null) {
            for (Transport t : Transport.values()) {
                c = c.withListener(c.listener(t).withHost(host));
            }
        }
        c = port(c, Transport.TCP, tcpPort);
        c = port(c, Transport.TLS, tlsPort);
        c = port(c, Transport.WS, wsPort);
        c = port(c, Transport.WSS, wssPort);
        c = c.withStore(store(c.store()));
        c = c.withTls(tls(c.tls()));
        c = c.withAdmin(admin(c.admin()));
        if (breakRules != null && !breakRules.isEmpty()) {
            java.util.Set<String> all = new java.util.LinkedHashSet<>(c.lmq().brokenRules());
            all.addAll(breakRules);
            c = c.withLmq(c.lmq().withBrokenRules(all));
        }
        return c;
    }

    private AdminConfig admin(AdminConfig a) {
        AdminConfig out = a;
        if (adminPort != null) {
            out = adminPort < 0 ? out.withEnabled(false) : out.withEnabled(true).withPort(adminPort);
        }
        if (testMode != null) {
            out = out.withTestMode(testMode);
        }
        if (adminToken != null) {
            out = out.withToken(adminToken);
        }
        if (adminAllowedHosts != null && !adminAllowedHosts.isEmpty()) {
            out = out.withAllowedHosts(adminAllowedHosts);
        }
        return out;
    }

    private static BrokerConfig port(BrokerConfig c, Transport t, Integer port) {
        if (port == null) {
            return c;
        }
        ListenerConfig l = c.listener(t);
        return c.withListener(port < 0 ? l.withEnabled(false) : l.withPort(port));
    }

    private StoreConfig store(StoreConfig s) {
        return new StoreConfig(store == null ? s.type() : store,
                dataDir == null ? s.path() : dataDir,
                fsync == null ? s.fsync() : fsync);
    }

    /** Like the file's tls section: a flag naming a certificate source replaces the source below it. */
    private TlsConfig tls(TlsConfig t) {
        String password = keystorePassword == null ? t.keyStorePassword() : keystorePassword;
        String type = keystoreType == null ? t.keyStoreType() : keystoreType.toUpperCase(java.util.Locale.ROOT);
        boolean setsSource = keystore != null || certPem != null || keyPem != null || selfSigned != null;
        if (!setsSource) {
            return new TlsConfig(t.keyStorePath(), password, type, t.certChainPemPath(), t.privateKeyPemPath(), t.selfSigned());
        }
        return new TlsConfig(keystore, password, type, certPem, keyPem, selfSigned != null && selfSigned);
    }

    /** -1 turns a listener off, 0 binds a free port, 1-65535 that port; any port turns it on. */
    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a port number");
            }
            if (port < -1 || port > 65535) {
                throw new TypeConversionException(port + " is not between -1 (off) and 65535");
            }
            return port;
        }
    }
}
