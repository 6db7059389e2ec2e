package dev.lmqharness.suite.broker;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.Credentials;

import dev.lmqharness.broker.config.LmqConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whole description of the broker under test, from {@link ConfigSources}. No URL means the
 * bundled reference broker, started in-process on ephemeral ports.
 */
public record TargetConfig(BrokerAddress url,
                           Map<Scheme, BrokerAddress> extraEndpoints,
                           TargetProfile profile,
                           AuthMode auth,
                           String username,
                           String password,
                           String accessKey,
                           String secretKey,
                           String token,
                           String instanceId,
                           String groupId,
                           String parentTopic,
                           Set<Capability> capabilities,
                           String namespace,
                           String eventsTopic,
                           Limits limits,
                           Duration timeout,
                           Duration quiet,
                           Path reportDir,
                           URI adminUrl,
                           String adminToken,
                           Set<String> breakRules) {

    public static final String DEFAULT_GROUP_ID = "GID_lmqsuite";
    public static final String DEFAULT_PARENT_TOPIC = "lmqsuite";

    public boolean bundled() {
        return url == null;
    }

    public boolean has(Capability c) {
        return capabilities.contains(c);
    }

    public static TargetConfig fromCurrentProcess() {
        return from(ConfigSources.fromCurrentProcess());
    }

    public static TargetConfig from(Map<String, String> raw) {
        Map<String, String> c = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                c.put(k, v.trim());
            }
        });
        BrokerAddress url = c.containsKey(ConfigKeys.URL) ? address(ConfigKeys.URL, c.get(ConfigKeys.URL)) : null;
        Map<Scheme, BrokerAddress> extra = new EnumMap<>(Scheme.class);
        putExtra(c, extra, ConfigKeys.URL_TCP, Scheme.TCP);
        putExtra(c, extra, ConfigKeys.URL_SSL, Scheme.SSL);
        putExtra(c, extra, ConfigKeys.URL_WS, Scheme.WS);
        putExtra(c, extra, ConfigKeys.URL_WSS, Scheme.WSS);

        TargetProfile profile = c.containsKey(ConfigKeys.PROFILE)
                ? TargetProfile.parse(ConfigKeys.PROFILE, c.get(ConfigKeys.PROFILE)) : TargetProfile.MQTT311;
        AuthMode auth = c.containsKey(ConfigKeys.AUTH) ? AuthMode.parse(ConfigKeys.AUTH, c.get(ConfigKeys.AUTH)) : AuthMode.NONE;
        // The bundled broker makes the instance ID, access key and token of a run itself.
        switch (url == null && auth != AuthMode.PASSWORD ? AuthMode.NONE : auth) {
            case PASSWORD -> require(c, ConfigKeys.USERNAME, "lmq.auth=password");
            case SIGNATURE -> {
                require(c, ConfigKeys.ACCESS_KEY, "lmq.auth=signature");
                require(c, ConfigKeys.SECRET_KEY, "lmq.auth=signature");
                require(c, ConfigKeys.INSTANCE_ID, "lmq.auth=signature");
            }
            case TOKEN -> {
                require(c, ConfigKeys.ACCESS_KEY, "lmq.auth=token");
                require(c, ConfigKeys.INSTANCE_ID, "lmq.auth=token");
                require(c, ConfigKeys.TOKEN, "lmq.auth=token");
            }
            case NONE -> { }
        }
        String groupId = c.get(ConfigKeys.GROUP_ID);
        String parentTopic = c.get(ConfigKeys.PARENT_TOPIC);
        if (profile.lmqNaming() && url != null) {
            require(c, ConfigKeys.GROUP_ID, "lmq.profile=" + profile.key());
            require(c, ConfigKeys.PARENT_TOPIC, "lmq.profile=" + profile.key());
        }
        if (groupId == null) {
            groupId = DEFAULT_GROUP_ID;
        }
        if (parentTopic == null) {
            parentTopic = DEFAULT_PARENT_TOPIC;
        }

        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        if (c.containsKey(ConfigKeys.CAPABILITIES)) {
            for (String s : c.get(ConfigKeys.CAPABILITIES).split("[,\\s]+")) {
                if (!s.isBlank()) {
                    caps.add(Capability.parse(ConfigKeys.CAPABILITIES, s));
                }
            }
        }
        String eventsTopic = c.get(ConfigKeys.EVENTS_TOPIC);
        if (caps.contains(Capability.STATUS_EVENTS) && eventsTopic == null) {
            throw new ConfigException(ConfigKeys.EVENTS_TOPIC, "required by lmq.capabilities=status-events");
        }

        String namespace = c.getOrDefault(ConfigKeys.NAMESPACE, randomNamespace());
        if (!namespace.matches("[0-9a-zA-Z]{1,12}")) {
            throw new ConfigException(ConfigKeys.NAMESPACE, "must be 1-12 letters or digits (it becomes part of client IDs and topics)");
        }

        Map<String, String> limitOverrides = new LinkedHashMap<>();
        c.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.LIMIT_PREFIX)) {
                limitOverrides.put(k.substring(ConfigKeys.LIMIT_PREFIX.length()), v);
            }
        });
        Duration timeout = Duration.ofSeconds(positiveLong(c, ConfigKeys.TIMEOUT_SECONDS, 10));
        Duration quiet = Duration.ofMillis(positiveLong(c, ConfigKeys.QUIET_MILLIS, 500));
        Path reportDir = Path.of(c.getOrDefault(ConfigKeys.REPORT_DIR, "conformance-report"));

        URI adminUrl = c.containsKey(ConfigKeys.ADMIN_URL) ? adminUrl(c.get(ConfigKeys.ADMIN_URL)) : null;
        if (adminUrl != null && url == null) {
            throw new ConfigException(ConfigKeys.ADMIN_URL, "needs lmq.url (the bundled broker brings its own admin API)");
        }
        String adminToken = c.get(ConfigKeys.ADMIN_TOKEN);
        if (adminToken != null && adminUrl == null) {
            throw new ConfigException(ConfigKeys.ADMIN_TOKEN, "needs lmq.adminUrl (the bundled broker makes its own token)");
        }
        if (url != null && adminUrl == null) {
            for (Capability needsAdmin : new Capability[] {Capability.ADMIN_API, Capability.CLOCK_CONTROL}) {
                if (caps.contains(needsAdmin)) {
                    throw new ConfigException(ConfigKeys.ADMIN_URL, "required by lmq.capabilities=" + needsAdmin.key()
                            + " (the suite reaches both through the broker's HTTP admin API)");
                }
            }
        }
        Set<String> breakRules = new TreeSet<>();
        if (c.containsKey(ConfigKeys.BREAK_RULES)) {
            for (String s : c.get(ConfigKeys.BREAK_RULES).split("[,\\s]+")) {
                if (!s.isBlank()) {
                    if (!LmqConfig.BREAKABLE_RULES.contains(s)) {
                        throw new ConfigException(ConfigKeys.BREAK_RULES, "'" + s + "' cannot be broken; one of "
                                + new TreeSet<>(LmqConfig.BREAKABLE_RULES));
                    }
                    breakRules.add(s);
                }
            }
            if (url != null && !breakRules.isEmpty()) {
                throw new ConfigException(ConfigKeys.BREAK_RULES, "breaks rules of the bundled broker only; remove lmq.url");
            }
        }

        return new TargetConfig(url, Collections.unmodifiableMap(extra), profile, auth,
                c.get(ConfigKeys.USERNAME), c.get(ConfigKeys.PASSWORD), c.get(ConfigKeys.ACCESS_KEY),
                c.get(ConfigKeys.SECRET_KEY), c.get(ConfigKeys.TOKEN), c.get(ConfigKeys.INSTANCE_ID),
                groupId, parentTopic, Collections.unmodifiableSet(caps), namespace, eventsTopic,
                Limits.withOverrides(limitOverrides), timeout, quiet, reportDir, adminUrl, adminToken,
                Collections.unmodifiableSet(breakRules));
    }

    private static URI adminUrl(String value) {
        try {
            URI u = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new ConfigException(ConfigKeys.ADMIN_URL, "must be an http:// or https:// URL with a host, got " + value);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ConfigException(ConfigKeys.ADMIN_URL, "not a URL: " + value);
        }
    }

    // ---- the effective configuration of a started target (the bundled broker fills in what it created) ----

    /** UserPass and instance of the run (the bundled broker generates those not configured). */
    public TargetConfig withInstance(String instanceId, String accessKey, String secretKey, String token) {
        return new TargetConfig(url, extraEndpoints, profile, auth, username, password, accessKey, secretKey, token,
                instanceId, groupId, parentTopic, capabilities, namespace, eventsTopic, limits, timeout, quiet, reportDir,
                adminUrl, adminToken, breakRules);
    }

    public TargetConfig withEventsTopic(String topic) {
        return new TargetConfig(url, extraEndpoints, profile, auth, username, password, accessKey, secretKey, token,
                instanceId, groupId, parentTopic, capabilities, namespace, topic, limits, timeout, quiet, reportDir,
                adminUrl, adminToken, breakRules);
    }

    public TargetConfig withLimits(Limits l) {
        return new TargetConfig(url, extraEndpoints, profile, auth, username, password, accessKey, secretKey, token,
                instanceId, groupId, parentTopic, capabilities, namespace, eventsTopic, l, timeout, quiet, reportDir,
                adminUrl, adminToken, breakRules);
    }

    public TargetConfig withCapabilities(Set<Capability> caps) {
        Set<Capability> all = EnumSet.noneOf(Capability.class);
        all.addAll(caps);
        return new TargetConfig(url, extraEndpoints, profile, auth, username, password, accessKey, secretKey, token,
                instanceId, groupId, parentTopic, Collections.unmodifiableSet(all), namespace, eventsTopic, limits, timeout,
                quiet, reportDir, adminUrl, adminToken, breakRules);
    }

    private static void putExtra(Map<String, String> c, Map<Scheme, BrokerAddress> extra, String key, Scheme expected) {
        if (c.containsKey(key)) {
            BrokerAddress e = address(key, c.get(key));
            if (e.scheme() != expected) {
                throw new ConfigException(key, "must be a " + expected.prefix() + ":// URL, got " + e.url());
            }
            extra.put(expected, e);
        }
    }

    private static BrokerAddress address(String key, String url) {
        try {
            return BrokerAddress.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** What the configured auth mode makes every client send (LMQ-AUTH-1, LMQ-AUTH-2). */
    public Credentials credentials() {
        return switch (auth) {
            case NONE -> Credentials.none();
            case PASSWORD -> Credentials.plain(username, password);
            case SIGNATURE -> Credentials.signature(accessKey, secretKey, instanceId);
            case TOKEN -> Credentials.token(accessKey, instanceId, Credentials.tokenPassword(token));
        };
    }

    private static void require(Map<String, String> c, String key, String because) {
        if (!c.containsKey(key)) {
            throw new ConfigException(key, "required by " + because);
        }
    }

    private static long positiveLong(Map<String, String> c, String key, long dflt) {
        if (!c.containsKey(key)) {
            return dflt;
        }
        try {
            long v = Long.parseLong(c.get(key));
            if (v <= 0) {
                throw new ConfigException(key, "must be positive");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + c.get(key) + "' is not a whole number");
        }
    }

    private static String randomNamespace() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder("r");
        for (int i = 0; i < 6; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** One line for reports: where, which profile, which auth. */
    public String describe(BrokerAddress resolved) {
        return (bundled() ? "bundled reference broker " : "") + (resolved == null ? "(not started)" : resolved.url())
                + " profile=" + profile.key() + " auth=" + auth.key()
                + (breakRules.isEmpty() ? "" : " breakRules=" + String.join(",", breakRules));
    }
}
