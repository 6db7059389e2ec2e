package dev.lmqharness.broker.lmq;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/** Bounded Awaitility waits that poll often, so a fast broker makes a fast test. */
final class Waits {

    private Waits() {
    }

    static ConditionFactory atMost(Duration bound) {
        return Awaitility.await().atMost(bound).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }
}
