package dev.lmqharness.broker.lmq;

import java.nio.charset.StandardCharsets;

/** One application message a test client received; {@link #ack()} matters only with manual acknowledgement. */
record Received(String topic, byte[] payload, int qos, Runnable acker) {

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    void ack() {
        acker.run();
    }
}
