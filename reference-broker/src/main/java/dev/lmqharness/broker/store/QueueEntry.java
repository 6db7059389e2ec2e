package dev.lmqharness.broker.store;

/**
 * One recipient's reference to a stored message.
 *
 * @param clientId  recipient
 * @param seq       per-recipient sequence number, increasing in enqueue order (delivery order)
 * @param messageId the {@link MessageRecord#id()} it refers to
 * @param qos       QoS it is delivered with (min of published and granted QoS; 1 or 2)
 * @param packetId  packet identifier it was last sent with, 0 if never sent (not in flight)
 * @param released  QoS2 only: PUBREC was received and PUBREL sent; only PUBCOMP is awaited
 * @param parked    it was in flight when its client went offline: it keeps its packet ID for the
 *                  re-send at the next connect (MQTT-4.4.0-1) but is an offline message meanwhile
 *                  (not in flight: it can expire and be evicted, {@code OfflinePolicy})
 */
public record QueueEntry(String clientId, long seq, long messageId, int qos, int packetId, boolean released,
                         boolean parked) {

    public QueueEntry(String clientId, long seq, long messageId, int qos, int packetId, boolean released) {
        this(clientId, seq, messageId, qos, packetId, released, false);
    }

    /** Sent on a live connection and not yet acknowledged. */
    public boolean inFlight() {
        return packetId != 0 && !parked;
    }

    public QueueEntry sentAs(int newPacketId) {
        return new QueueEntry(clientId, seq, messageId, qos, newPacketId, released, false);
    }

    public QueueEntry asReleased() {
        return new QueueEntry(clientId, seq, messageId, qos, packetId, true, parked);
    }

    public QueueEntry asParked() {
        return new QueueEntry(clientId, seq, messageId, qos, packetId, released, packetId != 0);
    }
}
