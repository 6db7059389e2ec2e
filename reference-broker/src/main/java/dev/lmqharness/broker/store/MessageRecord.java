package dev.lmqharness.broker.store;

/**
 * An accepted application message, stored once whatever the number of recipients.
 *
 * @param id          broker-wide unique, increasing message ID ({@code MessageIdGenerator}); older messages have smaller IDs
 * @param topic       topic name it was published to
 * @param qos         QoS it was published with
 * @param payload     payload bytes (never mutated)
 * @param publisherId client ID of the publisher
 * @param timestamp   acceptance time, ms since the epoch, from the broker's clock
 * @param retain      true when this record is delivered as a retained message (sent on subscribe
 *                    with RETAIN=1, MQTT-3.3.1-8); ordinary routing stores false (MQTT-3.3.1-9)
 */
public record MessageRecord(long id, String topic, int qos, byte[] payload, String publisherId, long timestamp,
                            boolean retain) {

    /** An ordinarily routed message (RETAIN=0 on delivery). */
    public MessageRecord(long id, String topic, int qos, byte[] payload, String publisherId, long timestamp) {
        this(id, topic, qos, payload, publisherId, timestamp, false);
    }

    public MessageRecord asRetainedDelivery(long newId) {
        return new MessageRecord(newId, topic, qos, payload, publisherId, timestamp, true);
    }
}
