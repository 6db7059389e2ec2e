package dev.lmqharness.suite.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The target's declared limits (RULES.md marks most of them configurable). Tests read limits from
 * here, never from numbers of their own; {@code lmq.limit.<name>} overrides a default.
 */
public final class Limits {

    /** Every known limit with its rulebook default. */
    public enum Name {
        CLIENT_ID_MAX_LENGTH("clientIdMaxLength", 64),
        TOPIC_MIN_LENGTH("topicMinLength", 3),
        TOPIC_MAX_LENGTH("topicMaxLength", 64),
        PARENT_TOPICS("parentTopics", 25),
        SUBSCRIPTIONS_PER_CLIENT("subscriptionsPerClient", 30),
        WILDCARD_SUBSCRIPTIONS_PER_PARENT("wildcardSubscriptionsPerParent", 100),
        PAYLOAD_MAX_BYTES("payloadMaxBytes", 65_536),
        OFFLINE_RETENTION_SECONDS("offlineRetentionSeconds", 3 * 24 * 3600),
        OFFLINE_MESSAGES("offlineMessages", 1_000_000),
        TOKEN_MAX_VALIDITY_SECONDS("tokenMaxValiditySeconds", 30 * 24 * 3600),
        OFFLINE_VISIBILITY_SECONDS("offlineVisibilitySeconds", 10),
        COLLISION_KICK_SECONDS("collisionKickSeconds", 2),
        MESSAGES_PER_SECOND_PER_CLIENT("messagesPerSecondPerClient", 20);

        private final String key;
        private final long defaultValue;

        Name(String key, long defaultValue) {
            this.key = key;
            this.defaultValue = defaultValue;
        }

        public String key() {
            return key;
        }

        public long defaultValue() {
            return defaultValue;
        }

        static Name byKey(String configKey, String name) {
            for (Name n : values()) {
                if (n.key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return n;
                }
            }
            throw new ConfigException(configKey, "unknown limit '" + name + "'");
        }
    }

    private final Map<Name, Long> values;

    private Limits(Map<Name, Long> values) {
        this.values = values;
    }

    public static Limits defaults() {
        return new Limits(Map.of());
    }

    /** Overrides by limit key (e.g. "payloadMaxBytes" -> "1024"); bad keys/values name the config key. */
    public static Limits withOverrides(Map<String, String> overrides) {
        Map<Name, Long> v = new LinkedHashMap<>();
        overrides.forEach((name, value) -> {
            String configKey = "lmq.limit." + name;
            Name n = Name.byKey(configKey, name);
            try {
                long parsed = Long.parseLong(value.trim().replace("_", ""));
                if (parsed <= 0) {
                    throw new ConfigException(configKey, "must be positive, got " + value);
                }
                v.put(n, parsed);
            } catch (NumberFormatException e) {
                throw new ConfigException(configKey, "'" + value + "' is not a whole number");
            }
        });
        return new Limits(Collections.unmodifiableMap(v));
    }

    /** These limits, with {@code fallback} for every limit not configured here (e.g. what the target reports). */
    public Limits orElse(Map<Name, Long> fallback) {
        Map<Name, Long> v = new LinkedHashMap<>(fallback);
        v.putAll(values);
        return new Limits(Collections.unmodifiableMap(v));
    }

    public long get(Name n) {
        return values.getOrDefault(n, n.defaultValue());
    }

    public int getInt(Name n) {
        return Math.toIntExact(get(n));
    }

    public boolean isOverridden(Name n) {
        return values.containsKey(n);
    }

    public Map<String, Long> asMap() {
        Map<String, Long> all = new LinkedHashMap<>();
        for (Name n : Name.values()) {
            all.put(n.key(), get(n));
        }
        return all;
    }
}
