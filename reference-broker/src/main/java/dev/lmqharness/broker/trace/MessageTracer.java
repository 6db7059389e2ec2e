package dev.lmqharness.broker.trace;

import dev.lmqharness.broker.rules.MessageIdGenerator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Keeps the traces of the most recent messages ({@link MessageIdGenerator}), bounded so that tracing never grows
 * without limit; the oldest traces are forgotten first. Lock-free: publishers on different session
 * loops never wait for each other here.
 */
public final class MessageTracer {

    private final Map<String, MessageTrace> traces = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final LongSupplier clock;

    public MessageTracer(int capacity, LongSupplier clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public void published(long messageId, String topic, int qos, String publisherId, long time) {
        String id = MessageIdGenerator.format(messageId);
        traces.put(id, new MessageTrace(id, topic, qos, publisherId, time));
        order.addLast(id);
        if (size.incrementAndGet() > capacity) {
            String oldest = order.pollFirst();
            if (oldest != null) {
                traces.remove(oldest);
                size.decrementAndGet();
            }
        }
    }

    public void delivery(long messageId, String clientId, DeliveryOutcome outcome) {
        MessageTrace t = traces.get(MessageIdGenerator.format(messageId));
        if (t != null) {
            t.add(new MessageTrace.Delivery(clientId, outcome, clock.getAsLong()));
        }
    }

    public Optional<MessageTrace> find(String messageId) {
        return Optional.ofNullable(traces.get(messageId.toLowerCase()));
    }

    /** The newest traces first, optionally only of one topic and/or publisher. */
    public List<MessageTrace> recent(String topic, String publisherId, int max) {
        List<MessageTrace> out = new ArrayList<>();
        Iterator<String> it = order.descendingIterator();
        while (it.hasNext() && out.size() < max) {
            MessageTrace t = traces.get(it.next());
            if (t != null && (topic == null || topic.equals(t.topic()))
                    && (publisherId == null || publisherId.equals(t.publisherId()))) {
                out.add(t);
            }
        }
        return out;
    }
}
