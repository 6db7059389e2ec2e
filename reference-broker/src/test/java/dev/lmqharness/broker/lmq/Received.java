package dev.lmqharness.broker.lmq;

import java.nio.charset.StandardCharsets;

/** One application message a test client received; {@link #ack()} matters only with manual acknowledgement. */
record Received(String topic, byte[] payload, int qos, Runnable acker) {

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Acknowledges (manual-ack clients only); a second call does nothing. */
    void ack() {
        acker.run();
    }

    /** Wraps a library's acknowledgement so that it runs at most once. */
    static Runnable once(Runnable ack) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                ack.run();
            }
        };
    }
}
