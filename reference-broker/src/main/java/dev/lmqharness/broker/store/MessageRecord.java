package dev.lmqharness.broker.store;

/**
 * An accepted application message, stored once whatever the number of recipients.
 *
 * @param id          broker-wide unique, increasing message ID (LMQ-MSG-3); older messages have smaller IDs
 * @param topic       topic name it was published to
 * @param qos         QoS it was published with
 * @param payload     payload bytes (never mutated)
 * @param publisherId client ID of the publisher
 * @param timestamp   acceptance time, ms since the epoch, from the broker's clock
 */
public record MessageRecord(long id, String topic, int qos, byte[] payload, String publisherId, long timestamp) {
}
