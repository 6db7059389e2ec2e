package dev.lmqharness.suite.broker;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.LmqLimits;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reference broker started in-process on ephemeral loopback ports, one per run, with its admin
 * API on an ephemeral port (with a random bearer token made for the run) and the controllable clock
 * (test mode). Under the LMQ and Lite profiles
 * it gets an instance made for the run: the configured Group ID and parent topic, an access key
 * (the configured one, or one generated for the run), anonymous access only when {@code lmq.auth}
 * is {@code none}, the run's group as a reader of the status events, and the suite's limits.
 */
final class BundledBroker implements AutoCloseable {

    /**
     * Limits the bundled broker uses unless {@code lmq.limit.*} says otherwise: a small offline cap,
     * so LMQ-OFF-3 runs in a normal build (RULES.md, decision on offline messages).
     */
    static final Map<Limits.Name, Long> BUNDLED_LIMITS = Map.of(Limits.Name.OFFLINE_MESSAGES, 100L);

    static final String DEFAULT_INSTANCE_ID = "lmqsuite";
    static final String DEFAULT_ACCESS_KEY = "AK_lmqsuite";

    private final ReferenceBroker broker;
    private final String adminToken;
    private final Map<Scheme, BrokerAddress> endpoints;
    private final TargetConfig effective;
    private final String note;

    private BundledBroker(ReferenceBroker broker, String adminToken, Map<Scheme, BrokerAddress> endpoints,
                          TargetConfig effective, String note) {
        this.broker = broker;
        this.adminToken = adminToken;
        this.endpoints = endpoints;
        this.effective = effective;
        this.note = note;
    }

    static BundledBroker start(TargetConfig config) {
        TargetConfig eff = effectiveConfig(config);
        String adminToken = randomSecret(32);
        ReferenceBroker broker;
        String note = "";
        try {
            broker = builder(eff, adminToken).tlsPort(0).wsPort(0).wssPort(0).build().start();
        } catch (RuntimeException allListeners) {
            // The TCP listener alone still runs the bulk of the suite; transport tests then skip
            // with this note as their reason.
            note = "bundled broker could not open TLS/WebSocket listeners: " + oneLine(allListeners);
            try {
                broker = builder(eff, adminToken).build().start();
            } catch (RuntimeException e) {
                throw new TargetUnavailableException("bundled reference broker did not start: " + oneLine(e));
            }
        }
        Map<Scheme, BrokerAddress> eps = new EnumMap<>(Scheme.class);
        put(eps, broker, Transport.TCP, Scheme.TCP, null);
        put(eps, broker, Transport.TLS, Scheme.SSL, null);
        put(eps, broker, Transport.WS, Scheme.WS, broker.config().listener(Transport.WS).path());
        put(eps, broker, Transport.WSS, Scheme.WSS, broker.config().listener(Transport.WSS).path());
        if (!eps.containsKey(Scheme.TCP)) {
            broker.stop();
            throw new TargetUnavailableException("bundled reference broker started without a TCP listener");
        }
        return new BundledBroker(broker, adminToken, eps, eff, note);
    }

    /** What the run uses: the configuration plus the instance, credentials and limits made for it. */
    static TargetConfig effectiveConfig(TargetConfig c) {
        if (!c.profile().lmqNaming()) {
            return c;
        }
        if (c.auth() == AuthMode.PASSWORD) {
            throw new ConfigException(ConfigKeys.AUTH, "the bundled broker in profile " + c.profile().key()
                    + " authenticates with none, signature or token, not password");
        }
        String instanceId = c.instanceId() != null ? c.instanceId() : DEFAULT_INSTANCE_ID;
        String accessKey = c.accessKey() != null ? c.accessKey() : DEFAULT_ACCESS_KEY;
        String secretKey = c.secretKey() != null ? c.secretKey() : randomSecret(18);
        String events = c.eventsTopic() != null ? c.eventsTopic() : LmqConfig.DEFAULT_STATUS_TOPIC;
        return c.withInstance(instanceId, accessKey, secretKey, c.token()).withEventsTopic(events)
                .withLimits(c.limits().orElse(BUNDLED_LIMITS));
    }

    private static ReferenceBroker.Builder builder(TargetConfig c, String adminToken) {
        Profile p = switch (c.profile()) {
            case MQTT311 -> Profile.MQTT311;
            case LMQ -> Profile.LMQ;
            case LITE -> Profile.LITE;
        };
        ReferenceBroker.Builder b = ReferenceBroker.builder().tcpPort(0).inMemory().profile(p).adminPort(0)
                .adminToken(adminToken).testMode();
        if (c.profile().lmqNaming()) {
            b.lmq(LmqConfig.defaults()
                    .withInstanceId(c.instanceId())
                    .withGroups(List.of(c.groupId()))
                    .withParentTopics(List.of(c.parentTopic()))
                    .withAccessKeys(Map.of(c.accessKey(), c.secretKey()))
                    .withAnonymousAllowed(c.auth() == AuthMode.NONE)
                    .withStatusTopic(c.eventsTopic())
                    // The status events are not for every client (StatusReaders); the suite's own
                    // clients, all of the run's group, read them in the LMQ-EVT tests.
                    .withStatusReaderGroups(List.of(c.groupId()))
                    .withLimits(brokerLimits(c.limits())));
        }
        c.breakRules().forEach(b::breakRule);
        return b;
    }

    /** The suite's limits in the broker's terms (the collision-kick bound is the suite's alone). */
    static LmqLimits brokerLimits(Limits l) {
        LmqLimits d = LmqLimits.defaults();
        int payload = l.getInt(Limits.Name.PAYLOAD_MAX_BYTES);
        Duration maxValidity = Duration.ofSeconds(l.get(Limits.Name.TOKEN_MAX_VALIDITY_SECONDS));
        return d.withClientIdMaxLength(l.getInt(Limits.Name.CLIENT_ID_MAX_LENGTH))
                .withTopicLength(l.getInt(Limits.Name.TOPIC_MIN_LENGTH), l.getInt(Limits.Name.TOPIC_MAX_LENGTH))
                .withMaxParentTopics(l.getInt(Limits.Name.PARENT_TOPICS))
                .withMaxSubscriptionsPerClient(l.getInt(Limits.Name.SUBSCRIPTIONS_PER_CLIENT))
                .withMaxWildcardSubscriptionsPerParent(l.getInt(Limits.Name.WILDCARD_SUBSCRIPTIONS_PER_PARENT))
                .withPayloadAndFrame(payload, Math.max(d.maxFrameBytes(), payload + 64 * 1024))
                .withOfflineRetention(Duration.ofSeconds(l.get(Limits.Name.OFFLINE_RETENTION_SECONDS)))
                .withMaxOfflineMessages(l.get(Limits.Name.OFFLINE_MESSAGES))
                .withTokenValidity(maxValidity, d.tokenMinExpireDistance().compareTo(maxValidity) > 0
                        ? maxValidity : d.tokenMinExpireDistance());
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void put(Map<Scheme, BrokerAddress> eps, ReferenceBroker b, Transport t, Scheme s, String path) {
        int port = b.port(t);
        if (port > 0) {
            eps.put(s, new BrokerAddress(s, "127.0.0.1", port, s.websocket() ? (path == null ? "/mqtt" : path) : null));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    Map<Scheme, BrokerAddress> endpoints() {
        return endpoints;
    }

    /** The configuration the run uses (instance, credentials, limits, events topic filled in). */
    TargetConfig effective() {
        return effective;
    }

    URI adminUrl() {
        return URI.create("http://127.0.0.1:" + broker.adminPort());
    }

    /** The bearer token the broker's admin API was started with. */
    String adminToken() {
        return adminToken;
    }

    String note() {
        return note;
    }

    @Override
    public void close() {
        broker.stop();
    }
}
