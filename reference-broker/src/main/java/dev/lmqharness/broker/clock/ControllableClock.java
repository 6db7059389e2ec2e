package dev.lmqharness.broker.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A clock that only moves when told to: unit tests and the broker's test mode use it to cross
 * the 3-day offline retention ({@code OfflinePolicy}) or a token's expiry ({@code TokenService}) in an instant.
 *
 * <p>Thread-safe. Time never goes backwards: {@link #advance} refuses negative durations and
 * {@link #setMillis} refuses earlier instants, because retention and expiry logic assumes a
 * monotonic clock. Listeners run after each change, on the caller's thread, so the broker can
 * sweep expired messages and tokens right after an admin "advance" call.
 */
public final class ControllableClock implements BrokerClock {

    private final AtomicLong now;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    public ControllableClock(long startMillis) {
        this.now = new AtomicLong(startMillis);
    }

    public ControllableClock(Instant start) {
        this(start.toEpochMilli());
    }

    /** Starts at the current wall-clock time, then stands still. */
    public static ControllableClock startingNow() {
        return new ControllableClock(System.currentTimeMillis());
    }

    @Override
    public long nowMillis() {
        return now.get();
    }

    /**
     * Moves time forward.
     *
     * @return the new time in ms
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public long advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("clock cannot go backwards: advance by " + by);
        }
        long updated = now.addAndGet(by.toMillis());
        notifyListeners(updated);
        return updated;
    }

    /**
     * Jumps to an absolute time, which must not be earlier than now.
     *
     * @throws IllegalArgumentException if {@code millis} is before the current time
     */
    public void setMillis(long millis) {
        long previous = now.getAndAccumulate(millis, Math::max);
        if (millis < previous) {
            throw new IllegalArgumentException(
                    "clock cannot go backwards: now " + previous + " ms, requested " + millis + " ms");
        }
        notifyListeners(millis);
    }

    /** Called with the new time after every {@link #advance} or {@link #setMillis}. */
    public void addListener(LongConsumer listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(LongConsumer listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(long millis) {
        for (LongConsumer l : listeners) {
            l.accept(millis);
        }
    }

    @Override
    public String toString() {
        return "ControllableClock[" + Instant.ofEpochMilli(now.get()) + "]";
    }
}
