package dev.lmqharness.broker.session;

/** One topic filter of a SUBSCRIBE with its requested QoS. */
public record Subscription(String filter, int qos) {
}
