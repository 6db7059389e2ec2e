package dev.lmqharness.load.gatling;

import java.time.Duration;

/**
 * Whether a client reconnects by itself after losing its connection, with exponential back-off
 * from {@code initialDelay} to {@code maxDelay} (HiveMQ client's automatic reconnect).
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay) {

    public ReconnectPolicy {
        if (enabled && (initialDelay == null || maxDelay == null || initialDelay.isNegative()
                || maxDelay.compareTo(initialDelay) < 0)) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 <= initialDelay <= maxDelay");
        }
    }

    public static ReconnectPolicy none() {
        return new ReconnectPolicy(false, null, null);
    }

    public static ReconnectPolicy exponential(Duration initialDelay, Duration maxDelay) {
        return new ReconnectPolicy(true, initialDelay, maxDelay);
    }
}
