package dev.lmqharness.broker.store;

import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.store.StoreCodec.EntryValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable {@link MessageStore} on RocksDB; the key layout is described in {@link StoreKeys}.
 *
 * <p>Every enqueue is one atomic write batch (message, entries, indexes) written through the
 * write-ahead log, so once {@link #enqueue} returns a process kill loses nothing; with
 * {@code fsync} the log is also synced, which survives power loss. Reference counts, queue sizes
 * and sequence counters live in memory and are rebuilt from the queues at open.
 *
 * <p>There is no store-wide lock: each client's queue has its own locks ({@link ClientQueue}).
 * The only shared lock is the open/close gate, taken shared by every operation (never blocking
 * another) and exclusively by {@link #close()}, so native handles are never used after close.
 */
public final class RocksDbMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RocksDbMessageStore.class);
    private static final byte[] EMPTY = new byte[0];
    /** Entries deleted per write batch when a whole queue or many messages go at once. */
    private static final int CHUNK = 4096;
    /** For {@link #removeLocked}: remove whatever the entry holds, in flight or not (ack). */
    private static final long ANY_MESSAGE = Long.MIN_VALUE;

    @FunctionalInterface
    private interface StoreOp<T> {
        T run() throws RocksDBException;
    }

    private final StoreDatabase files;
    private final Path path;
    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle messages;
    private final ColumnFamilyHandle queues;
    private final ColumnFamilyHandle age;
    private final ColumnFamilyHandle expiry;
    private final ColumnFamilyHandle sessions;
    private final ColumnFamilyHandle retained;
    private final WriteOptions durableWrite;
    private final WriteOptions relaxedWrite;

    private final ConcurrentHashMap<String, ClientQueue> clientQueues = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Integer> refs = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong maxMessageId = new AtomicLong();
    /**
     * Message ID from which {@link #evictOldest} starts scanning the age index: everything below it
     * was removed, so the scan skips their tombstones. Lowered by an enqueue of an older ID.
     */
    private final AtomicLong evictFrom = new AtomicLong(Long.MIN_VALUE);
    private final StampedLock openGate = new StampedLock();
    private volatile boolean closed;

    /**
     * Opens (creating if needed) the store in {@code config.path()}.
     *
     * @throws IllegalArgumentException if the configuration names no path
     * @throws StoreException           naming the path, if the directory cannot be opened (locked by
     *                                  another process, corrupted, not a directory, ...)
     */
    public RocksDbMessageStore(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.path() == null || config.path().isBlank()) {
            throw new IllegalArgumentException("store.path: a directory is needed for the RocksDB message store");
        }
        this.path = Path.of(config.path()).toAbsolutePath();
        this.files = new StoreDatabase(path, config.fsync());
        db = files.db;
        meta = files.meta;
        messages = files.messages;
        queues = files.queues;
        age = files.age;
        expiry = files.expiry;
        sessions = files.sessions;
        retained = files.retained;
        durableWrite = files.durableWrite;
        relaxedWrite = files.relaxedWrite;
        try {
            StoreRecovery.Result recovered = StoreRecovery.run(files, clientQueues, refs);
            total.set(recovered.queued());
            maxMessageId.set(recovered.maxMessageId());
            if (recovered.droppedPayloads() > 0) {
                LOG.info("Message store at {}: dropped {} payloads left without references by an interrupted clean-up",
                        path, recovered.droppedPayloads());
            }
        } catch (RocksDBException | RuntimeException e) {
            StoreException failure = new StoreException(
                    "Cannot open the message store at " + path + ": " + StoreDatabase.describe(e), e);
            try {
                files.close();
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        LOG.info("Opened message store at {}: {} queued entries in {} queues, {} messages, max message ID {}",
                path, total.get(), clientQueues.size(), refs.size(), maxMessageId.get());
    }

    // ---- sessions -----------------------------------------------------------------------------

    @Override
    public void saveSession(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        guarded("save a session", () -> {
            db.put(sessions, durableWrite, StoreKeys.utf8(session.clientId()),
                    StoreCodec.encodeSubscriptions(session.subscriptions()));
            return null;
        });
    }

    @Override
    public Optional<SessionRecord> loadSession(String clientId) {
        return guarded("load a session", () -> {
            byte[] value = db.get(sessions, StoreKeys.utf8(clientId));
            return value == null ? Optional.empty()
                    : Optional.of(new SessionRecord(clientId, StoreCodec.decodeSubscriptions(value)));
        });
    }

    @Override
    public List<SessionRecord> loadSessions() {
        return guarded("load sessions", () -> {
            List<SessionRecord> out = new ArrayList<>();
            try (RocksIterator it = db.newIterator(sessions)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    out.add(new SessionRecord(new String(it.key(), StandardCharsets.UTF_8),
                            StoreCodec.decodeSubscriptions(it.value())));
                }
                it.status();
            }
            return out;
        });
    }

    @Override
    public void deleteSession(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        guarded("delete a session", () -> {
            List<EntryValue> freed = new ArrayList<>();
            while (true) {
                ClientQueue q = clientQueues.get(clientId);
                if (q == null) {
                    break;
                }
                q.appendGate.writeLock().lock();
                q.entryLock.lock();
                try {
                    if (q.removed) {
                        continue;
                    }
                    deleteAllEntries(q, freed);
                    q.removed = true;
                    clientQueues.remove(clientId, q);
                    break;
                } finally {
                    q.entryLock.unlock();
                    q.appendGate.writeLock().unlock();
                }
            }
            // The session goes last: if we die half-way, the session is still there to be deleted again.
            db.delete(sessions, durableWrite, StoreKeys.utf8(clientId));
            release(freed);
            return null;
        });
    }

    private void deleteAllEntries(ClientQueue q, List<EntryValue> freed) throws RocksDBException {
        try (RocksIterator it = db.newIterator(queues); WriteBatch batch = new WriteBatch()) {
            int pending = 0;
            for (it.seek(q.prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!StoreKeys.hasPrefix(key, q.prefix)) {
                    break;
                }
                EntryValue e = StoreCodec.decodeEntry(it.value());
                batch.delete(queues, key);
                batch.delete(age, StoreKeys.age(e.messageId(), q.clientId, StoreKeys.queueSeq(key)));
                freed.add(e);
                if (++pending == CHUNK) {
                    commitRemoval(q, batch, pending);
                    pending = 0;
                }
            }
            it.status();
            if (pending > 0) {
                commitRemoval(q, batch, pending);
            }
        }
    }

    private void commitRemoval(ClientQueue q, WriteBatch batch, int entries) throws RocksDBException {
        db.write(durableWrite, batch);
        batch.clear();
        q.size.addAndGet(-entries);
        total.addAndGet(-entries);
    }

    // ---- queues -------------------------------------------------------------------------------

    @Override
    public List<QueueEntry> enqueue(MessageRecord message, List<Recipient> recipients) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipients, "recipients");
        return guarded("enqueue a message", () -> recipients.isEmpty() ? noteId(message.id()) : append(message, recipients));
    }

    /** Nothing to queue, but the ID is still used up: keep it from being handed out again after a restart. */
    private List<QueueEntry> noteId(long id) throws RocksDBException {
        db.merge(meta, relaxedWrite, StoreKeys.MAX_MESSAGE_ID, StoreKeys.orderedLong(id));
        maxMessageId.accumulateAndGet(id, Math::max);
        return List.of();
    }

    private List<QueueEntry> append(MessageRecord m, List<Recipient> recipients) throws RocksDBException {
        Map<String, ClientQueue> locked = lockForAppend(recipients);
        try {
            int n = recipients.size();
            // Counted before the write, so a concurrent ack of another entry cannot free the payload early.
            refs.merge(m.id(), n, Integer::sum);
            List<QueueEntry> out = new ArrayList<>(n);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(messages, StoreKeys.message(m.id()), StoreCodec.encodeMessage(m));
                batch.put(expiry, StoreKeys.expiry(m.timestamp(), m.id()), EMPTY);
                batch.merge(meta, StoreKeys.MAX_MESSAGE_ID, StoreKeys.orderedLong(m.id()));
                for (Recipient r : recipients) {
                    ClientQueue q = locked.get(r.clientId());
                    long seq = q.lastSeq.incrementAndGet();
                    batch.put(queues, q.key(seq),
                            StoreCodec.encodeEntry(new EntryValue(m.id(), m.timestamp(), r.qos(), 0, false)));
                    batch.put(age, StoreKeys.age(m.id(), r.clientId(), seq), EMPTY);
                    out.add(new QueueEntry(r.clientId(), seq, m.id(), r.qos(), 0, false));
                }
                db.write(durableWrite, batch);
            } catch (RocksDBException | RuntimeException e) {
                dropRefs(m.id(), n);
                throw e;
            }
            for (QueueEntry e : out) {
                locked.get(e.clientId()).size.incrementAndGet();
            }
            total.addAndGet(n);
            maxMessageId.accumulateAndGet(m.id(), Math::max);
            // After the write: an eviction scan that started earlier fails its compare-and-set and keeps this.
            evictFrom.accumulateAndGet(m.id(), Math::min);
            return out;
        } finally {
            for (ClientQueue q : locked.values()) {
                q.appendGate.readLock().unlock();
            }
        }
    }

    /** Takes the append gate of every recipient, shared, in client-ID order (so no two enqueues deadlock). */
    private Map<String, ClientQueue> lockForAppend(List<Recipient> recipients) {
        TreeSet<String> ids = new TreeSet<>();
        for (Recipient r : recipients) {
            ids.add(Objects.requireNonNull(r.clientId(), "recipient client ID"));
        }
        Map<String, ClientQueue> locked = new HashMap<>();
        try {
            for (String id : ids) {
                while (true) {
                    ClientQueue q = clientQueues.computeIfAbsent(id, ClientQueue::new);
                    q.appendGate.readLock().lock();
                    if (!q.removed) {
                        locked.put(id, q);
                        break;
                    }
                    q.appendGate.readLock().unlock();
                }
            }
            return locked;
        } catch (RuntimeException e) {
            for (ClientQueue q : locked.values()) {
                q.appendGate.readLock().unlock();
            }
            throw e;
        }
    }

    @Override
    public List<QueueEntry> readQueue(String clientId, long afterSeq, int max) {
        ClientQueue q = clientQueues.get(clientId);
        if (q == null || max <= 0) {
            return List.of();
        }
        return guarded("read a queue", () -> {
            List<QueueEntry> out = new ArrayList<>(Math.min(max, 64));
            try (RocksIterator it = db.newIterator(queues)) {
                for (it.seek(q.key(afterSeq)); it.isValid() && out.size() < max; it.next()) {
                    byte[] key = it.key();
                    if (!StoreKeys.hasPrefix(key, q.prefix)) {
                        break;
                    }
                    long seq = StoreKeys.queueSeq(key);
                    if (seq > afterSeq) {
                        out.add(StoreCodec.decodeEntry(it.value()).toEntry(clientId, seq));
                    }
                }
                it.status();
            }
            return out;
        });
    }

    @Override
    public Optional<MessageRecord> loadMessage(long messageId) {
        return guarded("load a message", () -> {
            byte[] value = db.get(messages, StoreKeys.message(messageId));
            return value == null ? Optional.empty() : Optional.of(StoreCodec.decodeMessage(value));
        });
    }

    @Override
    public void updateEntry(QueueEntry entry) {
        Objects.requireNonNull(entry, "entry");
        guarded("update a queue entry", () -> {
            ClientQueue q = lockEntries(entry.clientId());
            if (q == null) {
                return null;
            }
            try {
                byte[] key = q.key(entry.seq());
                byte[] value = db.get(queues, key);
                if (value == null) {
                    return null; // acknowledged or removed meanwhile: never bring it back
                }
                EntryValue current = StoreCodec.decodeEntry(value);
                if (current.messageId() != entry.messageId()) {
                    throw new IllegalArgumentException("entry " + entry.clientId() + "/" + entry.seq() + " holds message "
                            + current.messageId() + ", not " + entry.messageId());
                }
                db.put(queues, durableWrite, key, StoreCodec.encodeEntry(new EntryValue(current.messageId(),
                        current.timestamp(), entry.qos(), entry.packetId(), entry.released(), entry.parked())));
                return null;
            } finally {
                q.entryLock.unlock();
            }
        });
    }

    @Override
    public void ack(String clientId, long seq) {
        guarded("acknowledge a queue entry", () -> {
            ClientQueue q = lockEntries(clientId);
            if (q == null) {
                return null;
            }
            EntryValue removed;
            try {
                removed = removeLocked(q, seq, ANY_MESSAGE, durableWrite);
            } finally {
                q.entryLock.unlock();
            }
            if (removed != null) {
                release(List.of(removed));
            }
            return null;
        });
    }

    /** Locks the current queue of the client for changes to its entries; null if it has none. */
    private ClientQueue lockEntries(String clientId) {
        while (true) {
            ClientQueue q = clientQueues.get(clientId);
            if (q == null) {
                return null;
            }
            q.entryLock.lock();
            if (!q.removed) {
                return q;
            }
            q.entryLock.unlock();
        }
    }

    /**
     * Removes one entry (caller holds the entry lock). With a message ID (eviction, expiry) it keeps
     * entries in flight and entries of another message: an index snapshot may name a seq that a
     * deleted and re-created queue has given to a newer message.
     *
     * @return the removed entry, null if nothing was removed
     */
    private EntryValue removeLocked(ClientQueue q, long seq, long onlyIdleOfMessage, WriteOptions options)
            throws RocksDBException {
        byte[] key = q.key(seq);
        byte[] value = db.get(queues, key);
        if (value == null) {
            return null;
        }
        EntryValue e = StoreCodec.decodeEntry(value);
        if (onlyIdleOfMessage != ANY_MESSAGE && (e.inFlight() || e.messageId() != onlyIdleOfMessage)) {
            return null;
        }
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(queues, key);
            batch.delete(age, StoreKeys.age(e.messageId(), q.clientId, seq));
            db.write(options, batch);
        }
        q.size.decrementAndGet();
        total.decrementAndGet();
        return e;
    }

    /** Removes the entry unless it is in flight, gone or now another message's; used by eviction and expiry. */
    private EntryValue removeIfIdle(String clientId, long seq, long messageId) throws RocksDBException {
        ClientQueue q = lockEntries(clientId);
        if (q == null) {
            return null;
        }
        try {
            return removeLocked(q, seq, messageId, relaxedWrite);
        } finally {
            q.entryLock.unlock();
        }
    }

    /**
     * Drops one reference per removed entry and deletes the payloads whose last reference went. This
     * is a second write after the entries' removal, so a crash can only leave an unreferenced payload
     * (dropped at the next open by {@link StoreRecovery}), never an entry without its payload.
     */
    private void release(List<EntryValue> removed) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            for (EntryValue e : removed) {
                if (dropRefs(e.messageId(), 1)) {
                    batch.delete(messages, StoreKeys.message(e.messageId()));
                    batch.delete(expiry, StoreKeys.expiry(e.timestamp(), e.messageId()));
                    if (batch.count() >= 2 * CHUNK) {
                        db.write(relaxedWrite, batch);
                        batch.clear();
                    }
                }
            }
            if (batch.count() > 0) {
                db.write(relaxedWrite, batch);
            }
        }
    }

    /** @return true if that was the last reference */
    private boolean dropRefs(long messageId, int n) {
        boolean[] last = {false};
        refs.computeIfPresent(messageId, (id, count) -> {
            if (count <= n) {
                last[0] = true;
                return null;
            }
            return count - n;
        });
        return last[0];
    }

    @Override
    public long queuedCount() {
        return total.get();
    }

    @Override
    public long queuedCount(String clientId) {
        ClientQueue q = clientQueues.get(clientId);
        return q == null ? 0 : q.size.get();
    }

    @Override
    public List<QueueEntry> evictOldest(long count) {
        if (count <= 0) {
            return List.of();
        }
        return guarded("evict the oldest entries", () -> {
            List<QueueEntry> out = new ArrayList<>();
            List<EntryValue> freed = new ArrayList<>();
            long start = evictFrom.get();
            long next = start;
            boolean kept = false;
            try (RocksIterator it = db.newIterator(age)) {
                for (it.seek(StoreKeys.orderedLong(start)); it.isValid() && out.size() < count; it.next()) {
                    byte[] key = it.key();
                    long id = StoreKeys.ageMessageId(key);
                    String clientId = StoreKeys.ageClientId(key);
                    long seq = StoreKeys.ageSeq(key);
                    EntryValue e = removeIfIdle(clientId, seq, id);
                    if (e != null) {
                        out.add(e.toEntry(clientId, seq));
                        freed.add(e);
                    }
                    if (!kept) {
                        // The scan may resume here next time: all before it is gone.
                        next = id;
                        kept = e == null;
                    }
                }
                it.status();
            }
            if (next > start) {
                evictFrom.compareAndSet(start, next);
            }
            release(freed);
            return out;
        });
    }

    @Override
    public List<QueueEntry> expireBefore(long timestampMillis) {
        return guarded("expire entries", () -> {
            List<QueueEntry> out = new ArrayList<>();
            List<EntryValue> freed = new ArrayList<>();
            try (RocksIterator times = db.newIterator(expiry); RocksIterator ages = db.newIterator(age)) {
                for (times.seekToFirst(); times.isValid(); times.next()) {
                    byte[] timeKey = times.key();
                    if (StoreKeys.expiryTimestamp(timeKey) >= timestampMillis) {
                        break;
                    }
                    long id = StoreKeys.expiryMessageId(timeKey);
                    byte[] idPrefix = StoreKeys.orderedLong(id);
                    for (ages.seek(idPrefix); ages.isValid(); ages.next()) {
                        byte[] key = ages.key();
                        if (!Arrays.equals(key, 0, idPrefix.length, idPrefix, 0, idPrefix.length)) {
                            break;
                        }
                        String clientId = StoreKeys.ageClientId(key);
                        long seq = StoreKeys.ageSeq(key);
                        EntryValue e = removeIfIdle(clientId, seq, id);
                        if (e != null) {
                            out.add(e.toEntry(clientId, seq));
                            freed.add(e);
                        }
                    }
                    ages.status();
                }
                times.status();
            }
            release(freed);
            return out;
        });
    }

    @Override
    public void reserveMessageIds(long upTo) {
        guarded("reserve message IDs", () -> noteId(upTo));
    }

    @Override
    public long maxMessageId() {
        return maxMessageId.get();
    }

    // ---- retained messages --------------------------------------------------------------------

    @Override
    public void putRetained(MessageRecord message) {
        Objects.requireNonNull(message, "message");
        guarded("store a retained message", () -> {
            db.put(retained, durableWrite, StoreKeys.utf8(message.topic()), StoreCodec.encodeMessage(message));
            return null;
        });
    }

    @Override
    public void removeRetained(String topic) {
        guarded("remove a retained message", () -> {
            db.delete(retained, durableWrite, StoreKeys.utf8(topic));
            return null;
        });
    }

    @Override
    public Map<String, MessageRecord> loadRetained() {
        return guarded("load retained messages", () -> {
            Map<String, MessageRecord> out = new HashMap<>();
            try (RocksIterator it = db.newIterator(retained)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    MessageRecord m = StoreCodec.decodeMessage(it.value());
                    out.put(m.topic(), m);
                }
                it.status();
            }
            return Map.copyOf(out);
        });
    }

    // ---- life cycle ---------------------------------------------------------------------------

    /** Waits for running operations, then closes the database; later calls fail with IllegalStateException. */
    @Override
    public void close() {
        long stamp = openGate.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            files.close();
            LOG.info("Closed message store at {}", path);
        } finally {
            openGate.unlockWrite(stamp);
        }
    }

    private <T> T guarded(String what, StoreOp<T> op) {
        long stamp = openGate.readLock();
        try {
            if (closed) {
                throw new IllegalStateException("The message store at " + path + " is closed");
            }
            return op.run();
        } catch (RocksDBException e) {
            throw new StoreException("The message store at " + path + " could not " + what + ": " + StoreDatabase.describe(e), e);
        } finally {
            openGate.unlockRead(stamp);
        }
    }

    @Override
    public String toString() {
        return "RocksDbMessageStore[" + path + "]";
    }
}
