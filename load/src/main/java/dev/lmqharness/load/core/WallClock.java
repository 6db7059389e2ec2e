package dev.lmqharness.load.core;

import java.time.Instant;

/**
 * Wall-clock time in microseconds, monotonic within one JVM.
 *
 * <p>End-to-end latency is measured between publisher and subscriber, which may live in different
 * JVMs (sharded injectors), so the stamp must be wall-clock time; {@code System.nanoTime()} is
 * per-JVM. The clock is anchored once to {@link Instant#now()} and then advanced with
 * {@code nanoTime}, so it never steps backwards inside a run (NTP slews do not show up as
 * negative latencies) and stays comparable across processes to the accuracy of the system clock.
 */
public final class WallClock {

    private static final long ANCHOR_MICROS;
    private static final long ANCHOR_NANOS;

    static {
        Instant now = Instant.now();
        ANCHOR_NANOS = System.nanoTime();
        ANCHOR_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }

    private WallClock() {
    }

    /** Microseconds since the epoch. */
    public static long nowMicros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000L;
    }

    /** Milliseconds since the epoch, on the same time line as {@link #nowMicros()}. */
    public static long nowMillis() {
        return nowMicros() / 1_000L;
    }
}
