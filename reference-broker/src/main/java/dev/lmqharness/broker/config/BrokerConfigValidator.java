package dev.lmqharness.broker.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a complete {@link BrokerConfig} (after defaults, file and flags are merged) and throws a
 * {@link ConfigException} naming the first bad key in the YAML file's terms. File-system checks
 * (do the TLS files exist?) apply only when a TLS listener is enabled.
 */
public final class BrokerConfigValidator {

    /** The largest packet MQTT 3.1.1 can express: 1 type byte + 4 length bytes + 268,435,455. */
    static final int MQTT_MAX_PACKET = 268_435_460;
    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private BrokerConfigValidator() {
    }

    public static BrokerConfig validate(BrokerConfig c) {
        for (Transport t : Transport.values()) {
            ListenerConfig l = c.listener(t);
            if (l.enabled()) {
                listener(key(t), l);
            }
        }
        noSharedPorts(c);
        if (c.listener(Transport.TLS).enabled() || c.listener(Transport.WSS).enabled()) {
            tls(c.tls());
        }
        store(c.store());
        mqtt(c.mqtt());
        return c;
    }

    private static String key(Transport t) {
        return "listeners." + t.name().toLowerCase(Locale.ROOT);
    }

    private static void listener(String key, ListenerConfig l) {
        if (l.host() == null || l.host().isBlank()) {
            throw new ConfigException(key + ".host", "must not be empty");
        }
        ConfigChecks.between(key + ".port", l.port(), 0, 65535);
        if (l.transport().websocket() && l.path() != null) {
            String p = l.path();
            if (!p.startsWith("/") || p.chars().anyMatch(ch -> ch <= ' ' || ch == '?' || ch == '#')) {
                throw new ConfigException(key + ".path", "must start with '/' and contain no spaces, '?' or '#', was '" + p + "'");
            }
        }
    }

    private static void noSharedPorts(BrokerConfig c) {
        Transport[] all = Transport.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = 0; j < i; j++) {
                ListenerConfig a = c.listener(all[i]);
                ListenerConfig b = c.listener(all[j]);
                boolean overlap = a.enabled() && b.enabled() && a.port() != 0 && a.port() == b.port()
                        && (a.host().equals(b.host()) || WILDCARD_HOSTS.contains(a.host()) || WILDCARD_HOSTS.contains(b.host()));
                if (overlap) {
                    throw new ConfigException(key(all[i]) + ".port", a.port() + " is also the port of " + key(all[j]));
                }
            }
        }
    }

    private static void tls(TlsConfig t) {
        boolean keyStore = t.keyStorePath() != null;
        boolean chain = t.certChainPemPath() != null;
        boolean key = t.privateKeyPemPath() != null;
        if (keyStore && (chain || key)) {
            throw new ConfigException("tls", "set either key-store or cert-chain-pem with private-key-pem, not both");
        }
        if (chain != key) {
            throw new ConfigException(chain ? "tls.private-key-pem" : "tls.cert-chain-pem",
                    "required together with " + (chain ? "tls.cert-chain-pem" : "tls.private-key-pem"));
        }
        if (t.selfSigned() && (keyStore || chain)) {
            throw new ConfigException("tls.self-signed", "must be false when key-store or cert-chain-pem is set");
        }
        if (!keyStore && !chain && !t.selfSigned()) {
            throw new ConfigException("tls", "the tls and wss listeners need a certificate: set key-store, "
                    + "cert-chain-pem with private-key-pem, or self-signed: true");
        }
        if (keyStore) {
            readableFile("tls.key-store", t.keyStorePath());
            ConfigChecks.oneOf("tls.key-store-type", t.keyStoreType() == null ? "PKCS12" : t.keyStoreType(),
                    TlsSection.KeyStoreType.class);
        }
        if (chain) {
            readableFile("tls.cert-chain-pem", t.certChainPemPath());
            readableFile("tls.private-key-pem", t.privateKeyPemPath());
        }
    }

    private static void readableFile(String key, String file) {
        if (file.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(key, "file not found: " + file);
        }
        if (!Files.isReadable(p)) {
            throw new ConfigException(key, "file not readable: " + file);
        }
    }

    private static void store(StoreConfig s) {
        if (s.path() != null && s.path().isBlank()) {
            throw new ConfigException("store.path", "must not be empty");
        }
        if (s.type() == StoreConfig.Type.ROCKSDB && s.path() == null) {
            throw new ConfigException("store.path", "is required for the rocksdb store");
        }
        if (s.path() != null && Files.exists(Path.of(s.path())) && !Files.isDirectory(Path.of(s.path()))) {
            throw new ConfigException("store.path", "is a file, not a directory: " + s.path());
        }
    }

    private static void mqtt(MqttConfig m) {
        ConfigChecks.between("mqtt.max-frame-bytes", m.maxFrameBytes(), 128, MQTT_MAX_PACKET);
        ConfigChecks.between("mqtt.max-inflight", m.maxInflight(), 1, 65535);
        ConfigChecks.between("mqtt.keep-alive-factor", m.keepAliveFactor(), 1.0, 10.0);
        ConfigChecks.between("mqtt.max-queued-per-session", m.maxQueuedPerSession(), 1, Integer.MAX_VALUE);
        ConfigChecks.between("mqtt.session-threads", m.sessionThreads(), 1, 1024);
        ConfigChecks.between("mqtt.connect-timeout-seconds", m.connectTimeoutSeconds(), 1, 3600);
    }
}
