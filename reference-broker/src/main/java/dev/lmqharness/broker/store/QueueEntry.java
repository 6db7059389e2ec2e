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
 */
public record QueueEntry(String clientId, long seq, long messageId, int qos, int packetId, boolean released) {

    public boolean inFlight() {
        return packetId != 0;
    }

    public QueueEntry sentAs(int newPacketId) {
        return new QueueEntry(clientId, seq, messageId, qos, newPacketId, released);
    }

    public QueueEntry asReleased() {
        return new QueueEntry(clientId, seq, messageId, qos, packetId, true);
    }
}
