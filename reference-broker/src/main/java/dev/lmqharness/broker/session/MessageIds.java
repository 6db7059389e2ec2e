package dev.lmqharness.broker.session;

import java.util.concurrent.atomic.AtomicLong;

/** Broker-wide unique, increasing message IDs, continuing above the largest one ever stored. */
public final class MessageIds {

    private final AtomicLong last;

    public MessageIds(long largestStored) {
        // Memory stores start at 0; the wall clock keeps IDs of successive runs apart.
        this.last = new AtomicLong(Math.max(largestStored, System.currentTimeMillis() << 10));
    }

    public long next() {
        return last.incrementAndGet();
    }
}
