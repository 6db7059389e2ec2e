package dev.lmqharness.load.core;

import dev.lmqharness.kit.topic.TopicFilters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Who should have received what, and who did.
 *
 * <p>Publishers report each message the broker accepted ({@link #published}); receivers (keyed by
 * client ID, so a persistent session that reconnects as a new virtual user is still the same
 * receiver) declare the topic filters they expect messages on ({@link Receiver#expect}) and
 * report each message they got ({@link Receiver#received}). The messages a receiver should have
 * got are those published on matching topics after it declared the filter; loss is expected
 * minus unique received. Counts are kept per QoS the message was published with.
 *
 * <p>Thread-safe: publishers and receivers run on many client threads.
 */
public final class DeliveryLedger {

    public static final int QOS_LEVELS = 3;

    /** Accepted publishes per topic, per QoS. */
    private final Map<String, AtomicLong[]> publishedByTopic = new ConcurrentHashMap<>();
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private final LongAdder foreign = new LongAdder();
    /** Topic → publishers (by publisher ID) that sent on it; and the publishers that said they are done. */
    private final Map<String, Set<Long>> publishersByTopic = new ConcurrentHashMap<>();
    private final Set<Long> finishedPublishers = ConcurrentHashMap.newKeySet();
    /** Publisher ID → publishes handed to its client whose outcome is not yet counted. */
    private final Map<Long, AtomicLong> inFlightByPublisher = new ConcurrentHashMap<>();

    /** A publish accepted by the broker (PUBACK/PUBCOMP, or written for QoS 0). */
    public void published(String topic, int qos) {
        checkQos(qos);
        publishedByTopic.computeIfAbsent(topic, t -> newCounters())[qos].incrementAndGet();
    }

    /**
     * Publisher {@code publisherId} hands a message to its client: in flight until
     * {@link #accepted} or {@link #notAccepted}. Called before the message is sent, so that no
     * acknowledgement can come before the ledger knows the publish is pending.
     */
    public void sending(long publisherId) {
        inFlightByPublisher.computeIfAbsent(publisherId, p -> new AtomicLong()).incrementAndGet();
    }

    /**
     * A publish of {@code publisherId} that was {@link #sending sent} is accepted: counted first,
     * and only then no longer in flight, so whoever sees it settled also sees it counted.
     */
    public void accepted(long publisherId, String topic, int qos) {
        published(topic, qos);
        settle(publisherId);
    }

    /** A publish of {@code publisherId} that was {@link #sending sent} failed: nothing to deliver. */
    public void notAccepted(long publisherId) {
        settle(publisherId);
    }

    private void settle(long publisherId) {
        AtomicLong n = inFlightByPublisher.get(publisherId);
        if (n == null || n.decrementAndGet() < 0) {
            throw new IllegalStateException("publisher " + publisherId + " settled a publish it never sent");
        }
    }

    /** Publishes of {@code publisherId} sent but not yet accepted or failed. */
    public long inFlight(long publisherId) {
        AtomicLong n = inFlightByPublisher.get(publisherId);
        return n == null ? 0 : n.get();
    }

    /** Publisher {@code publisherId} is sending on {@code topic} (called before the broker has it). */
    public void publishing(long publisherId, String topic) {
        publishersByTopic.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(publisherId);
    }

    /** Publisher {@code publisherId} will send no more (its user ended, or said so). */
    public void publisherFinished(long publisherId) {
        finishedPublishers.add(publisherId);
    }

    public long finishedPublishers() {
        return finishedPublishers.size();
    }

    /**
     * Of the publishers that sent on topics matching the receiver's filters: how many are done,
     * how many are not, and how many of their publishes await the broker's answer (in flight).
     */
    public record PublisherState(long finished, long active, long inFlight) {
    }

    public PublisherState publishersOf(Receiver receiver) {
        Set<Long> relevant = new HashSet<>();
        for (String filter : receiver.filters()) {
            if (!TopicFilters.hasWildcard(filter)) {
                Set<Long> p = publishersByTopic.get(filter);
                if (p != null) {
                    relevant.addAll(p);
                }
            } else {
                publishersByTopic.forEach((topic, p) -> {
                    if (TopicFilters.matches(filter, topic)) {
                        relevant.addAll(p);
                    }
                });
            }
        }
        long finished = relevant.stream().filter(finishedPublishers::contains).count();
        long inFlight = relevant.stream().mapToLong(this::inFlight).sum();
        return new PublisherState(finished, relevant.size() - finished, inFlight);
    }

    /** A message without our payload header arrived. */
    public void foreignMessage() {
        foreign.increment();
    }

    public long foreignMessages() {
        return foreign.sum();
    }

    public Receiver receiver(String clientId) {
        return receivers.computeIfAbsent(clientId, Receiver::new);
    }

    /** Accepted publishes on topics matching {@code filter}, per QoS. */
    public long[] publishedMatching(String filter) {
        long[] sum = new long[QOS_LEVELS];
        if (!TopicFilters.hasWildcard(filter)) {
            AtomicLong[] c = publishedByTopic.get(filter);
            if (c != null) {
                for (int q = 0; q < QOS_LEVELS; q++) {
                    sum[q] = c[q].get();
                }
            }
            return sum;
        }
        publishedByTopic.forEach((topic, c) -> {
            if (TopicFilters.matches(filter, topic)) {
                for (int q = 0; q < QOS_LEVELS; q++) {
                    sum[q] += c[q].get();
                }
            }
        });
        return sum;
    }

    /** Receivers with at least one expectation matching {@code topic}. */
    public int receiversExpecting(String topic) {
        int n = 0;
        for (Receiver r : receivers.values()) {
            if (r.expects(topic)) {
                n++;
            }
        }
        return n;
    }

    public Collection<Receiver> receivers() {
        return receivers.values();
    }

    /** Totals over every receiver, per QoS. */
    public Totals totals() {
        Totals t = new Totals();
        long[] published = new long[QOS_LEVELS];
        publishedByTopic.values().forEach(c -> {
            for (int q = 0; q < QOS_LEVELS; q++) {
                published[q] += c[q].get();
            }
        });
        for (int q = 0; q < QOS_LEVELS; q++) {
            t.published[q] = published[q];
        }
        for (Receiver r : receivers.values()) {
            Receiver.Snapshot s = r.snapshot();
            for (int q = 0; q < QOS_LEVELS; q++) {
                t.expected[q] += s.expected()[q];
                t.unique[q] += s.unique()[q];
                t.duplicates[q] += s.duplicates()[q];
                t.outOfOrder[q] += s.outOfOrder()[q];
                t.gaps[q] += s.gaps()[q];
                t.lost[q] += Math.max(0, s.expected()[q] - s.unique()[q]);
                t.unexpected[q] += Math.max(0, s.unique()[q] - s.expected()[q]);
            }
        }
        return t;
    }

    private static AtomicLong[] newCounters() {
        AtomicLong[] c = new AtomicLong[QOS_LEVELS];
        for (int q = 0; q < QOS_LEVELS; q++) {
            c[q] = new AtomicLong();
        }
        return c;
    }

    private static void checkQos(int qos) {
        if (qos < 0 || qos >= QOS_LEVELS) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
    }

    /** Sums per QoS; arrays indexed by QoS. */
    public static final class Totals {
        public final long[] published = new long[QOS_LEVELS];
        public final long[] expected = new long[QOS_LEVELS];
        public final long[] unique = new long[QOS_LEVELS];
        public final long[] duplicates = new long[QOS_LEVELS];
        public final long[] outOfOrder = new long[QOS_LEVELS];
        public final long[] lost = new long[QOS_LEVELS];
        public final long[] unexpected = new long[QOS_LEVELS];
        /** Sequence numbers missing between the lowest and highest one a receiver got from a publisher (losses inside a stream, not at its ends). */
        public final long[] gaps = new long[QOS_LEVELS];

        /** Name → value, e.g. {@code lost.qos1}; every entry adds exactly across shards. */
        public Map<String, Long> asCounters() {
            Map<String, Long> m = new LinkedHashMap<>();
            for (int q = 0; q < QOS_LEVELS; q++) {
                m.put("published.qos" + q, published[q]);
                m.put("expected.qos" + q, expected[q]);
                m.put("received.qos" + q, unique[q]);
                m.put("duplicates.qos" + q, duplicates[q]);
                m.put("outOfOrder.qos" + q, outOfOrder[q]);
                m.put("lost.qos" + q, lost[q]);
                m.put("unexpected.qos" + q, unexpected[q]);
                m.put("gaps.qos" + q, gaps[q]);
            }
            return m;
        }
    }

    /** One receiving client ID. */
    public final class Receiver {
        private final String clientId;
        private final Map<String, long[]> baselines = new LinkedHashMap<>(); // filter -> published count at expect()
        private final Map<Long, SequenceTracker[]> byPublisher = new HashMap<>(); // guarded by this
        private final long[] unique = new long[QOS_LEVELS];
        private final long[] duplicates = new long[QOS_LEVELS];
        private final long[] outOfOrder = new long[QOS_LEVELS];

        private Receiver(String clientId) {
            this.clientId = clientId;
        }

        public String clientId() {
            return clientId;
        }

        /**
         * From now on, every message published on a topic matching {@code filter} should reach this
         * receiver. Declaring the same filter again keeps the first baseline (a persistent session
         * keeps its subscription across reconnects).
         */
        public synchronized void expect(String filter) {
            if (!baselines.containsKey(filter)) {
                baselines.put(filter, publishedMatching(filter));
            }
        }

        public synchronized boolean expects(String topic) {
            for (String f : baselines.keySet()) {
                if (TopicFilters.matches(f, topic)) {
                    return true;
                }
            }
            return false;
        }

        /** Records one delivery; returns how it was classified. */
        public synchronized SequenceTracker.Outcome received(PayloadCodec.Stamp stamp) {
            SequenceTracker[] perQos = byPublisher.computeIfAbsent(stamp.publisherId(), p -> new SequenceTracker[QOS_LEVELS]);
            SequenceTracker tracker = perQos[stamp.qos()];
            if (tracker == null) {
                tracker = new SequenceTracker();
                perQos[stamp.qos()] = tracker;
            }
            SequenceTracker.Outcome o = tracker.record(stamp.sequence());
            switch (o) {
                case DUPLICATE -> duplicates[stamp.qos()]++;
                case OUT_OF_ORDER -> {
                    unique[stamp.qos()]++;
                    outOfOrder[stamp.qos()]++;
                }
                case IN_ORDER -> unique[stamp.qos()]++;
            }
            return o;
        }

        /** Messages this receiver should have got so far, per QoS. */
        public synchronized long[] expected() {
            long[] e = new long[QOS_LEVELS];
            for (Map.Entry<String, long[]> b : baselines.entrySet()) {
                long[] now = publishedMatching(b.getKey());
                for (int q = 0; q < QOS_LEVELS; q++) {
                    e[q] += now[q] - b.getValue()[q];
                }
            }
            return e;
        }

        public synchronized long uniqueTotal() {
            return unique[0] + unique[1] + unique[2];
        }

        public synchronized long expectedTotal() {
            long[] e = expected();
            return e[0] + e[1] + e[2];
        }

        public synchronized List<String> filters() {
            return new ArrayList<>(baselines.keySet());
        }

        public synchronized Snapshot snapshot() {
            return new Snapshot(expected(), unique.clone(), duplicates.clone(), outOfOrder.clone(), gaps());
        }

        private long[] gaps() {
            long[] g = new long[QOS_LEVELS];
            for (SequenceTracker[] perQos : byPublisher.values()) {
                for (int q = 0; q < QOS_LEVELS; q++) {
                    if (perQos[q] != null) {
                        g[q] += perQos[q].gaps();
                    }
                }
            }
            return g;
        }

        public record Snapshot(long[] expected, long[] unique, long[] duplicates, long[] outOfOrder, long[] gaps) {
        }
    }
}
