package dev.lmqharness.broker.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections accepted but without a complete CONNECT yet. They cost a socket and a pipeline each
 * and prove nothing about the peer, so only so many may wait at once; beyond that a new connection
 * is refused at accept. Thread-safe: every I/O thread shares one.
 */
public final class PendingConnects {

    private final int max;
    private final AtomicInteger pending = new AtomicInteger();

    public PendingConnects(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** @return whether the new connection may wait for its CONNECT; if true, {@link #release} it once */
    public boolean tryAcquire() {
        while (true) {
            int now = pending.get();
            if (now >= max) {
                return false;
            }
            if (pending.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** The connection sent its CONNECT or closed. */
    public void release() {
        pending.decrementAndGet();
    }

    public int pending() {
        return pending.get();
    }

    public int max() {
        return max;
    }
}
