package dev.lmqharness.suite.broker;

import java.util.Locale;

/** The rulebook a target claims to follow; decides which rules apply to it. */
public enum TargetProfile {
    /** Plain OASIS MQTT 3.1.1: LMQ rules do not apply. */
    MQTT311,
    /** Message Queue for MQTT, standard edition: every rule of RULES.md. */
    LMQ,
    /** The Lite edition (LMQ-ED-1). */
    LITE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetProfile parse(String key, String value) {
        for (TargetProfile p : values()) {
            if (p.key().equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new ConfigException(key, "'" + value + "' is not a profile (lmq, lite, mqtt311)");
    }

    /** LMQ naming (Group IDs, parent topics) applies. */
    public boolean lmqNaming() {
        return this != MQTT311;
    }
}
