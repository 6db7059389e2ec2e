package dev.lmqharness.broker.it;

import java.nio.charset.StandardCharsets;

/** A message as the application received it. */
record Received(String topic, byte[] payload, int qos, boolean retain) {

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Received[" + topic + ", qos=" + qos + ", retain=" + retain + ", "
                + (payload.length <= 64 ? "'" + text() + "'" : payload.length + " bytes") + "]";
    }
}
