package dev.lmqharness.broker.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Non-durable store for fast tests and for clean sessions. Lock-free maps; a queue per client,
 * so no global lock on the publish path.
 */
public final class MemoryMessageStore implements MessageStore {

    private record Stored(MessageRecord message, AtomicInteger refs) {
    }

    /**
     * One client's queue. Enqueues hold {@code gate} shared, {@code deleteSession} exclusively, so
     * no entry lands in a queue that is being dropped (it would be counted but never found).
     */
    private static final class Queue {
        final ConcurrentSkipListMap<Long, QueueEntry> entries = new ConcurrentSkipListMap<>();
        final AtomicLong lastSeq = new AtomicLong();
        final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
        boolean removed; // written under the exclusive gate, read under the shared one
    }

    private final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<Long, Stored> messages = new ConcurrentHashMap<>();
    private final Map<String, MessageRecord> retained = new ConcurrentHashMap<>();
    private final AtomicLong maxMessageId = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    @Override
    public void saveSession(SessionRecord session) {
        sessions.put(session.clientId(), session);
    }

    @Override
    public Optional<SessionRecord> loadSession(String clientId) {
        return Optional.ofNullable(sessions.get(clientId));
    }

    @Override
    public List<SessionRecord> loadSessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public void deleteSession(String clientId) {
        sessions.remove(clientId);
        Queue q;
        while ((q = queues.get(clientId)) != null) {
            q.gate.writeLock().lock();
            try {
                if (q.removed) {
                    continue;
                }
                q.removed = true;
                queues.remove(clientId, q);
                // Polled one by one: an eviction running meanwhile removes each entry at most once with us.
                for (Map.Entry<Long, QueueEntry> e = q.entries.pollFirstEntry(); e != null; e = q.entries.pollFirstEntry()) {
                    release(e.getValue());
                }
                return;
            } finally {
                q.gate.writeLock().unlock();
            }
        }
    }

    @Override
    public List<QueueEntry> enqueue(MessageRecord message, List<Recipient> recipients) {
        maxMessageId.accumulateAndGet(message.id(), Math::max);
        if (recipients.isEmpty()) {
            return List.of();
        }
        Map<String, Queue> locked = lockForAppend(recipients);
        try {
            if (messages.putIfAbsent(message.id(), new Stored(message, new AtomicInteger(recipients.size()))) != null) {
                throw new IllegalArgumentException("message " + message.id()
                        + " is already stored: each message is enqueued once, for all its recipients");
            }
            List<QueueEntry> out = new ArrayList<>(recipients.size());
            for (Recipient r : recipients) {
                Queue q = locked.get(r.clientId());
                long seq = q.lastSeq.incrementAndGet();
                QueueEntry e = new QueueEntry(r.clientId(), seq, message.id(), r.qos(), 0, false);
                q.entries.put(seq, e);
                total.incrementAndGet();
                out.add(e);
            }
            return out;
        } finally {
            locked.values().forEach(q -> q.gate.readLock().unlock());
        }
    }

    /** Shared gates of all recipients' live queues, taken in client-ID order so enqueues never deadlock. */
    private Map<String, Queue> lockForAppend(List<Recipient> recipients) {
        Map<String, Queue> locked = new HashMap<>();
        for (String id : new TreeSet<>(recipients.stream().map(Recipient::clientId).toList())) {
            while (true) {
                Queue q = queues.computeIfAbsent(id, k -> new Queue());
                q.gate.readLock().lock();
                if (!q.removed) {
                    locked.put(id, q);
                    break;
                }
                q.gate.readLock().unlock();
            }
        }
        return locked;
    }

    private ConcurrentSkipListMap<Long, QueueEntry> entries(String clientId) {
        Queue q = queues.get(clientId);
        return q == null ? null : q.entries;
    }

    @Override
    public List<QueueEntry> readQueue(String clientId, long afterSeq, int max) {
        ConcurrentSkipListMap<Long, QueueEntry> q = entries(clientId);
        if (q == null) {
            return List.of();
        }
        List<QueueEntry> out = new ArrayList<>(Math.min(max, 64));
        for (QueueEntry e : q.tailMap(afterSeq, false).values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public Optional<MessageRecord> loadMessage(long messageId) {
        Stored s = messages.get(messageId);
        return s == null ? Optional.empty() : Optional.of(s.message());
    }

    @Override
    public void updateEntry(QueueEntry entry) {
        ConcurrentSkipListMap<Long, QueueEntry> q = entries(entry.clientId());
        if (q == null) {
            return;
        }
        QueueEntry current = q.get(entry.seq());
        if (current != null && current.messageId() != entry.messageId()) {
            throw new IllegalArgumentException("entry " + entry.clientId() + "/" + entry.seq() + " holds message "
                    + current.messageId() + ", not " + entry.messageId());
        }
        q.replace(entry.seq(), entry);
    }

    @Override
    public void ack(String clientId, long seq) {
        ConcurrentSkipListMap<Long, QueueEntry> q = entries(clientId);
        if (q != null) {
            QueueEntry e = q.remove(seq);
            if (e != null) {
                release(e);
            }
        }
    }

    private void release(QueueEntry e) {
        total.decrementAndGet();
        messages.computeIfPresent(e.messageId(), (id, s) -> s.refs().decrementAndGet() <= 0 ? null : s);
    }

    @Override
    public long queuedCount() {
        return total.get();
    }

    @Override
    public long queuedCount(String clientId) {
        NavigableMap<Long, QueueEntry> q = entries(clientId);
        return q == null ? 0 : q.size();
    }

    @Override
    public List<QueueEntry> evictOldest(long count) {
        List<QueueEntry> candidates = new ArrayList<>();
        for (Queue q : queues.values()) {
            for (QueueEntry e : q.entries.values()) {
                if (!e.inFlight()) {
                    candidates.add(e);
                }
            }
        }
        candidates.sort(Comparator.comparingLong(QueueEntry::messageId).thenComparing(QueueEntry::clientId));
        List<QueueEntry> removed = new ArrayList<>();
        for (QueueEntry e : candidates) {
            if (removed.size() >= count) {
                break;
            }
            if (removeIfNotInFlight(e)) {
                removed.add(e);
            }
        }
        return removed;
    }

    @Override
    public List<QueueEntry> expireBefore(long timestampMillis) {
        List<QueueEntry> removed = new ArrayList<>();
        for (Queue q : queues.values()) {
            for (QueueEntry e : q.entries.values()) {
                Stored s = messages.get(e.messageId());
                if (!e.inFlight() && s != null && s.message().timestamp() < timestampMillis && removeIfNotInFlight(e)) {
                    removed.add(e);
                }
            }
        }
        return removed;
    }

    private boolean removeIfNotInFlight(QueueEntry e) {
        ConcurrentSkipListMap<Long, QueueEntry> q = entries(e.clientId());
        if (q == null) {
            return false;
        }
        QueueEntry current = q.get(e.seq());
        if (current == null || current.inFlight() || current.messageId() != e.messageId()
                || !q.remove(e.seq(), current)) {
            return false;
        }
        release(current);
        return true;
    }

    @Override
    public void reserveMessageIds(long upTo) {
        maxMessageId.accumulateAndGet(upTo, Math::max);
    }

    @Override
    public long maxMessageId() {
        return maxMessageId.get();
    }

    @Override
    public void putRetained(MessageRecord message) {
        retained.put(message.topic(), message);
    }

    @Override
    public void removeRetained(String topic) {
        retained.remove(topic);
    }

    @Override
    public Map<String, MessageRecord> loadRetained() {
        return Map.copyOf(retained);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
