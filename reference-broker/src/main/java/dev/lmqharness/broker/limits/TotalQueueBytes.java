package dev.lmqharness.broker.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes waiting in all clean sessions' queues together. Each session's {@link QueueBudget} adds
 * and removes its own share from its loop; this only sums them, so it is thread-safe.
 */
public final class TotalQueueBytes {

    private final long max;
    private final AtomicLong used = new AtomicLong();

    public TotalQueueBytes(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    public long used() {
        return used.get();
    }

    public long max() {
        return max;
    }

    boolean exceeded() {
        return used.get() > max;
    }
}
