package dev.lmqharness.broker.clock;

/** The production clock: wall-clock milliseconds. */
public final class SystemClock implements BrokerClock {

    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
