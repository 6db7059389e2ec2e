package dev.lmqharness.broker.store;

/** A client a message is queued for, with the QoS it will be delivered at (1 or 2). */
public record Recipient(String clientId, int qos) {
}
