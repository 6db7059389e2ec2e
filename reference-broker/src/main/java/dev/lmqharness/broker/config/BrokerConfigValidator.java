package dev.lmqharness.broker.config;

import dev.lmqharness.broker.auth.SignatureAuthenticator;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.RegistryResult;
import dev.lmqharness.broker.rules.TopicFilters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a complete {@link BrokerConfig} (after defaults, file and flags are merged) and throws a
 * {@link ConfigException} naming the first bad key in the YAML file's terms. File-system checks
 * (do the TLS files exist?) apply only when a TLS listener is enabled.
 */
public final class BrokerConfigValidator {

    /** The largest packet MQTT 3.1.1 can express: 1 type byte + 4 length bytes + 268,435,455. */
    static final int MQTT_MAX_PACKET = 268_435_460;
    /** Traces are kept in memory; a bound keeps a typo from reserving gigabytes. */
    static final int MAX_TRACE_CAPACITY = 10_000_000;
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
        limits(c.limits());
        lmq(c.lmq());
        admin(c);
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

    /** The instance's objects are checked by the broker's own rules, by creating them in a scratch registry. */
    private static void lmq(LmqConfig l) {
        String id = l.instanceId();
        if (id == null || id.isBlank() || id.indexOf('|') >= 0) {
            throw new ConfigException("lmq.instance-id", "must be non-empty and free of '|', was '" + id + "'");
        }
        InstanceRegistry scratch = new InstanceRegistry(id, l.limits());
        List<String> groups = l.groups();
        for (int i = 0; i < groups.size(); i++) {
            refused("lmq.groups[" + i + "]", scratch.createGroup(groups.get(i)));
        }
        List<String> parents = l.parentTopics();
        for (int i = 0; i < parents.size(); i++) {
            refused("lmq.parent-topics[" + i + "]", scratch.createParentTopic(parents.get(i)));
        }
        for (Map.Entry<String, String> e : l.accessKeys().entrySet()) {
            refused("lmq.access-keys." + e.getKey(), scratch.addAccessKey(e.getKey(), e.getValue()).orRule(SignatureAuthenticator.RULE));
        }
        String status = l.statusTopic();
        if (status == null) {
            throw new ConfigException("lmq.status-topic", "must be a topic name, or '' to turn status events off");
        }
        if (!status.isEmpty() && !TopicFilters.isValidTopicName(status)) {
            throw new ConfigException("lmq.status-topic", "must be a topic name without wildcards, was '" + status + "'");
        }
        ConfigChecks.between("lmq.trace-capacity", l.traceCapacity(), 1, MAX_TRACE_CAPACITY);
        for (String rule : l.brokenRules()) {
            if (!LmqConfig.BREAKABLE_RULES.contains(rule)) {
                throw new ConfigException("lmq.break-rules", "'" + rule + "' cannot be broken; one of "
                        + new java.util.TreeSet<>(LmqConfig.BREAKABLE_RULES));
            }
        }
    }

    private static void refused(String key, RegistryResult r) {
        if (!r.ok()) {
            throw new ConfigException(key, r.reason() + " (" + r.ruleId() + ")");
        }
    }

    private static void admin(BrokerConfig c) {
        AdminConfig a = c.admin();
        if (!a.enabled()) {
            return;
        }
        if (a.host() == null || a.host().isBlank()) {
            throw new ConfigException("admin.host", "must not be empty");
        }
        ConfigChecks.between("admin.port", a.port(), 0, 65535);
        if (a.token() != null) {
            AdminAccessChecks.token("admin.token", a.token());
        }
        for (int i = 0; i < a.allowedHosts().size(); i++) {
            AdminAccessChecks.host("admin.allowed-hosts[" + i + "]", a.allowedHosts().get(i));
        }
        for (Transport t : Transport.values()) {
            ListenerConfig l = c.listener(t);
            boolean overlap = l.enabled() && a.port() != 0 && a.port() == l.port()
                    && (a.host().equals(l.host()) || WILDCARD_HOSTS.contains(a.host()) || WILDCARD_HOSTS.contains(l.host()));
            if (overlap) {
                throw new ConfigException("admin.port", a.port() + " is also the port of " + key(t));
            }
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

    private static void limits(LimitsConfig l) {
        ConfigChecks.between("limits.max-pending-connects", l.maxPendingConnects(), 1, 1_000_000);
        ConfigChecks.between("limits.inflight-bytes", l.inflightBytes(), 1024L, 1L << 30);
        ConfigChecks.between("limits.clean-queue-messages", l.cleanQueueMessages(), 1, 1_000_000);
        ConfigChecks.between("limits.clean-queue-bytes", l.cleanQueueBytes(), 1024L, 1L << 30);
        ConfigChecks.between("limits.total-clean-queue-bytes", l.totalCleanQueueBytes(), l.cleanQueueBytes(), 1L << 40);
        ConfigChecks.between("limits.outbound-high-water-bytes", l.outboundHighWaterBytes(), 1024, 64 << 20);
        ConfigChecks.between("limits.outbound-low-water-bytes", l.outboundLowWaterBytes(), 1, l.outboundHighWaterBytes());
    }
}
