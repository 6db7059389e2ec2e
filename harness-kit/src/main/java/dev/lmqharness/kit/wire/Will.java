package dev.lmqharness.kit.wire;

/** A Will Message as set in CONNECT. */
public record Will(String topic, byte[] payload, int qos, boolean retain) {
}
