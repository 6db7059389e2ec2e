package dev.lmqharness.suite.broker;

import java.time.Duration;

/** Moves the target's clock forward ({@code clock-control} capability; LMQ-OFF-1, LMQ-TOKEN-1). */
public interface TargetClock {
    void advance(Duration d);
}
