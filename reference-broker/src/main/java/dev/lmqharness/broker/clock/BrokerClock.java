package dev.lmqharness.broker.clock;

import java.time.Instant;

/**
 * The broker's single source of "now" for every time-based rule (offline retention LMQ-OFF-1,
 * visibility window LMQ-OFF-2, token validity LMQ-TOKEN-1/2, status event times LMQ-EVT-1).
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
