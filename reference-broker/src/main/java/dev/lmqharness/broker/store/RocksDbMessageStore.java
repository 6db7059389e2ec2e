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
 * {@code fsync} the log is also synced, which survives power loss.
 *
 * <p>Memory, sized for LMQ-OFF-3's 1,000,000 offline messages: the heap holds no object per client
 * and none per message with a single recipient. What it keeps is the total count, one sequence
 * counter for all queues, striped locks ({@link ClientLocks}) and reference counts for messages
 * with two or more recipients ({@link RefCounts}); all are rebuilt at open by {@link StoreRecovery}.
 * RocksDB's native memory is bounded by one block cache that the memtables are charged to
 * ({@link StoreDatabase#CACHE_BYTES}); {@link #nativeMemory()} reports it.
 * {@code RocksDbMessageStoreScaleTest} holds both to a budget with a million entries.
 *
 * <p>There is no store-wide lock: each client's queue has its own (striped) locks. The only shared
 * lock is the open/close gate, taken shared by every operation (never blocking another) and
 * exclusively by {@link #close()}, so native handles are never used after close.
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

    private final ClientLocks locks = new ClientLocks();
    private final RefCounts refs = new RefCounts();
    /** Entries in all queues. */
    private final AtomicLong total = new AtomicLong();
    /** The last sequence number handed out; one counter for all queues, so no state per client. */
    private final AtomicLong lastSeq = new AtomicLong();
    private final AtomicLong maxMessageId = new AtomicLong();
    /**
     * Message ID from which {@link #evictOldest} starts scanning the age index: everything below it
     * was removed, so the scan skips their tombstones. Lowered by an enqueue of an older ID.
     */
    private final AtomicLong evictFrom = new AtomicLong(Long.MIN_VALUE);
    /**
     * Timestamp from which {@link #expireBefore} starts scanning the expiry index, for the same
     * reason: below it only deletion markers are left. Lowered by an enqueue of an older timestamp.
     */
    private final AtomicLong expireFrom = new AtomicLong(Long.MIN_VALUE);
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
        StoreRecovery.Result recovered;
        try {
            recovered = StoreRecovery.run(files, refs);
            total.set(recovered.queued());
            lastSeq.set(recovered.lastSeq());
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
        LOG.info("Opened message store at {}: {} queued entries, {} messages ({} with several recipients), max message ID {}",
                path, total.get(), recovered.messages(), refs.counted(), maxMessageId.get());
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
            locks.lockQueue(clientId);
            try {
                deleteAllEntries(clientId);
            } finally {
                locks.unlockQueue(clientId);
            }
            // The session goes last: if we die half-way, the session is still there to be deleted again.
            db.delete(sessions, durableWrite, StoreKeys.utf8(clientId));
            return null;
        });
    }

    /** Deletes the queue in chunks, each chunk's payload references released after its entries went. */
    private void deleteAllEntries(String clientId) throws RocksDBException {
        byte[] prefix = StoreKeys.queuePrefix(clientId);
        List<EntryValue> freed = new ArrayList<>();
        try (BoundedScan scan = new BoundedScan(db, queues, StoreKeys.queueEnd(prefix));
             WriteBatch batch = new WriteBatch()) {
            RocksIterator it = scan.it;
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                EntryValue e = StoreCodec.decodeEntry(it.value());
                batch.delete(queues, key);
                batch.delete(age, StoreKeys.age(e.messageId(), clientId, StoreKeys.queueSeq(key)));
                deletePayloadIfSole(batch, e);
                freed.add(e);
                if (freed.size() == CHUNK) {
                    commitRemoval(batch, freed);
                }
            }
            it.status();
            if (!freed.isEmpty()) {
                commitRemoval(batch, freed);
            }
        }
    }

    private void commitRemoval(WriteBatch batch, List<EntryValue> freed) throws RocksDBException {
        db.write(durableWrite, batch);
        batch.clear();
        total.addAndGet(-freed.size());
        release(freed);
        freed.clear();
    }

    // ---- queues -------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Each message ID is enqueued once: an ID whose message is still stored is refused with
     * {@link IllegalArgumentException} (IDs above every earlier one are taken as new without a
     * look-up). Sequence numbers come from one store-wide counter, so they increase in enqueue order
     * for every recipient but are not consecutive within one queue.
     */
    @Override
    public List<QueueEntry> enqueue(MessageRecord message, List<Recipient> recipients) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipients, "recipients");
        for (Recipient r : recipients) {
            Objects.requireNonNull(r.clientId(), "recipient client ID");
        }
        return guarded("enqueue a message", () -> {
            long previousMax = maxMessageId.getAndAccumulate(message.id(), Math::max);
            if (recipients.isEmpty()) {
                // Nothing to queue, but the ID is still used up: keep it from being handed out again after a restart.
                return noteId(message.id());
            }
            if (message.id() <= previousMax && db.get(messages, StoreKeys.message(message.id())) != null) {
                throw new IllegalArgumentException("message " + message.id()
                        + " is already stored: each message is enqueued once, for all its recipients");
            }
            return append(message, recipients);
        });
    }

    private List<QueueEntry> noteId(long id) throws RocksDBException {
        db.merge(meta, relaxedWrite, StoreKeys.MAX_MESSAGE_ID, StoreKeys.orderedLong(id));
        maxMessageId.accumulateAndGet(id, Math::max);
        return List.of();
    }

    private List<QueueEntry> append(MessageRecord m, List<Recipient> recipients) throws RocksDBException {
        int[] stripes = locks.lockAppend(recipients);
        try {
            int n = recipients.size();
            // Counted before the write: once written, an eviction may release an entry at once.
            refs.stored(m.id(), n);
            long seq = lastSeq.addAndGet(n) - n;
            List<QueueEntry> out = new ArrayList<>(n);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(messages, StoreKeys.message(m.id()), StoreCodec.encodeMessage(m));
                batch.put(expiry, StoreKeys.expiry(m.timestamp(), m.id()), EMPTY);
                batch.merge(meta, StoreKeys.MAX_MESSAGE_ID, StoreKeys.orderedLong(m.id()));
                for (Recipient r : recipients) {
                    seq++;
                    batch.put(queues, StoreKeys.queue(r.clientId(), seq),
                            StoreCodec.encodeEntry(new EntryValue(m.id(), m.timestamp(), r.qos(), 0, false, false, n == 1)));
                    batch.put(age, StoreKeys.age(m.id(), r.clientId(), seq), EMPTY);
                    out.add(new QueueEntry(r.clientId(), seq, m.id(), r.qos(), 0, false));
                }
                db.write(durableWrite, batch);
            } catch (RocksDBException | RuntimeException e) {
                refs.forget(m.id());
                throw e;
            }
            total.addAndGet(n);
            // After the write: an eviction or expiry scan that started earlier fails its compare-and-set
            // and keeps this.
            evictFrom.accumulateAndGet(m.id(), Math::min);
            expireFrom.accumulateAndGet(m.timestamp(), Math::min);
            return out;
        } finally {
            locks.unlockAppend(stripes);
        }
    }

    @Override
    public List<QueueEntry> readQueue(String clientId, long afterSeq, int max) {
        Objects.requireNonNull(clientId, "clientId");
        if (max <= 0) {
            return List.of();
        }
        return guarded("read a queue", () -> {
            byte[] prefix = StoreKeys.queuePrefix(clientId);
            List<QueueEntry> out = new ArrayList<>(Math.min(max, 64));
            try (BoundedScan scan = new BoundedScan(db, queues, StoreKeys.queueEnd(prefix))) {
                RocksIterator it = scan.it;
                for (it.seek(StoreKeys.queue(prefix, afterSeq)); it.isValid() && out.size() < max; it.next()) {
                    long seq = StoreKeys.queueSeq(it.key());
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
            locks.lockEntries(entry.clientId());
            try {
                byte[] key = StoreKeys.queue(entry.clientId(), entry.seq());
                byte[] value = db.get(queues, key);
                if (value == null) {
                    return null; // acknowledged or removed meanwhile: never bring it back
                }
                EntryValue current = StoreCodec.decodeEntry(value);
                if (current.messageId() != entry.messageId()) {
                    throw new IllegalArgumentException("entry " + entry.clientId() + "/" + entry.seq() + " holds message "
                            + current.messageId() + ", not " + entry.messageId());
                }
                db.put(queues, durableWrite, key,
                        StoreCodec.encodeEntry(current.withDelivery(entry.qos(), entry.packetId(), entry.released(), entry.parked())));
                return null;
            } finally {
                locks.unlockEntries(entry.clientId());
            }
        });
    }

    @Override
    public void ack(String clientId, long seq) {
        Objects.requireNonNull(clientId, "clientId");
        guarded("acknowledge a queue entry", () -> {
            EntryValue removed;
            locks.lockEntries(clientId);
            try {
                removed = removeLocked(clientId, seq, ANY_MESSAGE, durableWrite);
            } finally {
                locks.unlockEntries(clientId);
            }
            if (removed != null && !removed.sole()) {
                release(List.of(removed));
            }
            return null;
        });
    }

    /**
     * Removes one entry (caller holds the client's entry lock). With a message ID (eviction, expiry)
     * it keeps entries in flight and entries of another message (an index snapshot may be stale).
     *
     * @return the removed entry, null if nothing was removed
     */
    private EntryValue removeLocked(String clientId, long seq, long onlyIdleOfMessage, WriteOptions options)
            throws RocksDBException {
        byte[] key = StoreKeys.queue(clientId, seq);
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
            batch.delete(age, StoreKeys.age(e.messageId(), clientId, seq));
            deletePayloadIfSole(batch, e);
            db.write(options, batch);
        }
        total.decrementAndGet();
        return e;
    }

    /** A message enqueued for one entry alone goes in the same write as that entry: nothing else refers to it. */
    private void deletePayloadIfSole(WriteBatch batch, EntryValue e) throws RocksDBException {
        if (e.sole()) {
            batch.delete(messages, StoreKeys.message(e.messageId()));
            batch.delete(expiry, StoreKeys.expiry(e.timestamp(), e.messageId()));
        }
    }

    /** Removes the entry unless it is in flight, gone or now another message's; used by eviction and expiry. */
    private EntryValue removeIfIdle(String clientId, long seq, long messageId) throws RocksDBException {
        locks.lockEntries(clientId);
        try {
            return removeLocked(clientId, seq, messageId, relaxedWrite);
        } finally {
            locks.unlockEntries(clientId);
        }
    }

    /**
     * Drops one reference per removed entry of a message with several recipients and deletes the
     * payloads whose last reference went. This is a second write after the entries' removal, so a
     * crash can only leave an unreferenced payload (dropped at the next open by
     * {@link StoreRecovery}), never an entry without its payload. Sole entries' payloads went with
     * them already.
     */
    private void release(List<EntryValue> removed) throws RocksDBException {
        if (removed.stream().allMatch(EntryValue::sole)) {
            return; // nothing counted: spare the native batch
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (EntryValue e : removed) {
                if (!e.sole() && refs.release(e.messageId())) {
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

    @Override
    public long queuedCount() {
        return total.get();
    }

    /** {@inheritDoc} Counted by a scan of the queue (no per-client counter is kept): O(queue length). */
    @Override
    public long queuedCount(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return guarded("count a queue", () -> {
            byte[] prefix = StoreKeys.queuePrefix(clientId);
            long n = 0;
            try (BoundedScan scan = new BoundedScan(db, queues, StoreKeys.queueEnd(prefix))) {
                RocksIterator it = scan.it;
                for (it.seek(prefix); it.isValid(); it.next()) {
                    n++;
                }
                it.status();
            }
            return n;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks the age index (message ID, client ID, seq) from the oldest entry that may still be
     * there; an entry in flight is skipped and stays, and the next idle one is taken instead.
     */
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
                for (it.seek(StoreKeys.orderedLong(start)); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    long id = StoreKeys.ageMessageId(key);
                    String clientId = StoreKeys.ageClientId(key);
                    long seq = StoreKeys.ageSeq(key);
                    EntryValue e = removeIfIdle(clientId, seq, id);
                    if (e != null) {
                        out.add(e.toEntry(clientId, seq));
                        freed.add(e);
                        if (freed.size() == CHUNK) {
                            release(freed);
                            freed.clear();
                        }
                    }
                    if (!kept) {
                        // The scan may resume here next time: all before it is gone.
                        next = id;
                        kept = e == null;
                    }
                    if (out.size() >= count) {
                        break; // before next(): that step can cost a block read
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

    /**
     * {@inheritDoc}
     *
     * <p>Walks the expiry index (timestamp, message ID) up to the bound, then each message's entries
     * in the age index.
     */
    @Override
    public List<QueueEntry> expireBefore(long timestampMillis) {
        return guarded("expire entries", () -> {
            List<QueueEntry> out = new ArrayList<>();
            List<EntryValue> freed = new ArrayList<>();
            long start = expireFrom.get();
            long next = timestampMillis;
            byte[] bound = StoreKeys.expiry(timestampMillis, Long.MIN_VALUE);
            try (BoundedScan times = new BoundedScan(db, expiry, bound); RocksIterator ages = db.newIterator(age)) {
                for (times.it.seek(StoreKeys.expiry(start, Long.MIN_VALUE)); times.it.isValid(); times.it.next()) {
                    byte[] timeKey = times.it.key();
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
                        } else {
                            // Kept (in flight, or changed meanwhile): the next scan must start no later.
                            next = Math.min(next, StoreKeys.expiryTimestamp(timeKey));
                        }
                    }
                    ages.status();
                    if (freed.size() >= CHUNK) {
                        release(freed);
                        freed.clear();
                    }
                }
                times.it.status();
            }
            if (next > start) {
                expireFrom.compareAndSet(start, next);
            }
            release(freed);
            return out;
        });
    }

    /** RocksDB's native memory now: memtables, block cache, table readers (see {@link StoreMemory}). */
    public StoreMemory nativeMemory() {
        return guarded("measure its memory", files::memory);
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
