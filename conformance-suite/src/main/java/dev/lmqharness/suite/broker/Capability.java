package dev.lmqharness.suite.broker;

/**
 * Something a test may need that a target may not offer. A test declares what it needs with
 * {@link dev.lmqharness.suite.junit.Requires}; where the target lacks it the test is reported
 * skipped with the reason, never silently passed.
 */
public enum Capability {
    /** An administrative API (tokens, parent topics, message traces). */
    ADMIN_API("admin-api", "an administrative API (token, parent-topic and trace operations)"),
    /** The target's clock can be moved forward (retention and expiry rules). */
    CLOCK_CONTROL("clock-control", "control over the broker's clock"),
    /** Runs that take real time at the real limits (e.g. 1,000,000 offline messages). */
    SLOW("slow", "slow runs at the real limits (enable with lmq.capabilities=slow)"),
    /** Client status events are published on a topic the suite can subscribe to (lmq.eventsTopic). */
    STATUS_EVENTS("status-events", "client status events on an MQTT topic (set lmq.eventsTopic)");

    private final String key;
    private final String description;

    Capability(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Capability parse(String configKey, String value) {
        for (Capability c : values()) {
            if (c.key.equalsIgnoreCase(value.trim())) {
                return c;
            }
        }
        throw new ConfigException(configKey, "'" + value + "' is not a capability (admin-api, clock-control, slow, status-events)");
    }
}
