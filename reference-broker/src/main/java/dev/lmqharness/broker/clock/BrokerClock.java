package dev.lmqharness.broker.clock;

import java.time.Instant;

/**
 * The broker's single source of "now" for every time-based rule (offline retention of {@code OfflinePolicy},
 * token validity of {@code TokenService}, status event times of {@code EventType}).
 *
 * <p>Rules read time only through this interface so a test (or the test-mode admin endpoint) can
 * swap in a {@link ControllableClock} and move three days forward without waiting.
 */
@FunctionalInterface
public interface BrokerClock {

    /** Milliseconds since the Unix epoch. */
    long nowMillis();

    default Instant now() {
        return Instant.ofEpochMilli(nowMillis());
    }

    /** The wall clock ({@link System#currentTimeMillis()}). */
    static BrokerClock system() {
        return SystemClock.INSTANCE;
    }
}
