package dev.lmqharness.broker.trace;

import java.util.ArrayList;
import java.util.List;

/** The trace of one accepted message: who published it, when, and each delivery ({@code MessageIdGenerator}). */
public final class MessageTrace {

    public record Delivery(String clientId, DeliveryOutcome outcome, long time) {
    }

    private final String messageId;
    private final String topic;
    private final int qos;
    private final String publisherId;
    private final long publishTime;
    private final List<Delivery> deliveries = new ArrayList<>();

    MessageTrace(String messageId, String topic, int qos, String publisherId, long publishTime) {
        this.messageId = messageId;
        this.topic = topic;
        this.qos = qos;
        this.publisherId = publisherId;
        this.publishTime = publishTime;
    }

    public String messageId() {
        return messageId;
    }

    public String topic() {
        return topic;
    }

    public int qos() {
        return qos;
    }

    public String publisherId() {
        return publisherId;
    }

    public long publishTime() {
        return publishTime;
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized void add(Delivery d) {
        deliveries.add(d);
    }
}
