package dev.lmqharness.kit.client;

import java.nio.charset.StandardCharsets;

/** A message as an application client handed it to the application. */
public record AppMessage(String topic, byte[] payload, int qos, boolean retained) {
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
