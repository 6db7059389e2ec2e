package dev.lmqharness.broker.limits;

/**
 * The per-client window of unacknowledged QoS 1/2 deliveries, in messages and bytes. One message
 * always fits an empty window, so a message larger than the byte bound still goes out.
 */
public record InflightWindow(int maxMessages, long maxBytes) {

    public InflightWindow {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("window must allow at least one message and one byte");
        }
    }

    public boolean hasRoom(int inflightMessages, long inflightBytes, long nextBytes) {
        return inflightMessages == 0 || (inflightMessages < maxMessages && inflightBytes + nextBytes <= maxBytes);
    }
}
