package dev.lmqharness.broker.store;

import dev.lmqharness.broker.config.StoreConfig;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

/**
 * Durable {@link MessageStore} on RocksDB; the key layout is described in {@link StoreKeys}.
 *
 * <p>Every enqueue is one atomic write batch (message, entries, indexes) written through the
 * write-ahead log, so once {@link #enqueue} returns a process kill loses nothing; with
 * {@code fsync} the log is also synced, which survives power loss.
 *
 * <p>Memory, sized for {@code OfflinePolicy}'s 1,000,000 offline messages: the heap holds no object per client
 * and none per message with a single recipient. What it keeps is the total count, one sequence
 * counter for all queues, striped locks ({@link ClientLocks}) and reference counts for messages
 * with two or more recipients ({@link RefCounts}); all are rebuilt at open by {@link StoreRecovery}.
 * RocksDB's native memory is bounded by one block cache that the memtables are charged to
 * ({@link StoreDatabase#CACHE_BYTES}); {@link #nativeMemory()} reports it.
 * {@code RocksDbMessageStoreScaleTest} holds both to a budget with a million entries.
 *
 * <p>The work is split by job: {@link StoredQueues} (enqueue, read, update, ack, delete a queue),
 * {@link EntryRemoval} (the one way entries and their payloads leave), {@link OfflineCleanup}
 * (eviction and expiry scans); this class opens and closes the files, keeps sessions and retained
 * messages, and guards every call.
 *
 * <p>There is no store-wide lock: each client's queue has its own (striped) locks. The only shared
 * lock is the open/close gate, taken shared by every operation (never blocking another) and
 * exclusively by {@link #close()}, so native handles are never used after close.
 */
public final class RocksDbMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RocksDbMessageStore.class);

    @FunctionalInterface
    private interface StoreOp<T> {
        T run() throws RocksDBException;
    }

    private final StoreDatabase files;
    private final Path path;
    private final RocksDB db;
    private final RefCounts refs = new RefCounts();
    /** Entries in all queues. */
    private final AtomicLong total = new AtomicLong();
    private final StoredQueues queues;
    private final OfflineCleanup cleanup;
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
        StoreRecovery.Result recovered;
        try {
            recovered = StoreRecovery.run(files, refs);
            total.set(recovered.queued());
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
        ClientLocks locks = new ClientLocks();
        EntryRemoval removal = new EntryRemoval(files, locks, refs, total);
        cleanup = new OfflineCleanup(files, removal);
        queues = new StoredQueues(files, locks, refs, removal, cleanup, total, recovered.lastSeq(),
                recovered.maxMessageId());
        LOG.info("Opened message store at {}: {} queued entries, {} messages ({} with several recipients), max message ID {}",
                path, total.get(), recovered.messages(), refs.counted(), queues.maxMessageId());
    }

    // ---- sessions -----------------------------------------------------------------------------

    @Override
    public void saveSession(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        guarded("save a session", () -> {
            db.put(files.sessions, files.durableWrite, StoreKeys.utf8(session.clientId()),
                    StoreCodec.encodeSubscriptions(session.subscriptions()));
            return null;
        });
    }

    @Override
    public Optional<SessionRecord> loadSession(String clientId) {
        return guarded("load a session", () -> {
            byte[] value = db.get(files.sessions, StoreKeys.utf8(clientId));
            return value == null ? Optional.empty()
                    : Optional.of(new SessionRecord(clientId, StoreCodec.decodeSubscriptions(value)));
        });
    }

    @Override
    public List<SessionRecord> loadSessions() {
        return guarded("load sessions", () -> {
            List<SessionRecord> out = new ArrayList<>();
            try (RocksIterator it = db.newIterator(files.sessions)) {
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
            queues.delete(clientId);
            // The session goes last: if we die half-way, the session is still there to be deleted again.
            db.delete(files.sessions, files.durableWrite, StoreKeys.utf8(clientId));
            return null;
        });
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
        return guarded("enqueue a message", () -> queues.enqueue(message, recipients));
    }

    @Override
    public List<QueueEntry> readQueue(String clientId, long afterSeq, int max) {
        Objects.requireNonNull(clientId, "clientId");
        if (max <= 0) {
            return List.of();
        }
        return guarded("read a queue", () -> queues.read(clientId, afterSeq, max));
    }

    @Override
    public Optional<MessageRecord> loadMessage(long messageId) {
        return guarded("load a message", () -> queues.loadMessage(messageId));
    }

    @Override
    public void updateEntry(QueueEntry entry) {
        Objects.requireNonNull(entry, "entry");
        guarded("update a queue entry", () -> {
            queues.update(entry);
            return null;
        });
    }

    @Override
    public void ack(String clientId, long seq) {
        Objects.requireNonNull(clientId, "clientId");
        guarded("acknowledge a queue entry", () -> {
            queues.ack(clientId, seq);
            return null;
        });
    }

    @Override
    public long queuedCount() {
        return total.get();
    }

    /** {@inheritDoc} Counted by a scan of the queue (no per-client counter is kept): O(queue length). */
    @Override
    public long queuedCount(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return guarded("count a queue", () -> queues.count(clientId));
    }

    /** {@inheritDoc} See {@link OfflineCleanup#evictOldest}. */
    @Override
    public List<QueueEntry> evictOldest(long count) {
        if (count <= 0) {
            return List.of();
        }
        return guarded("evict the oldest entries", () -> cleanup.evictOldest(count));
    }

    /** {@inheritDoc} See {@link OfflineCleanup#expireBefore}. */
    @Override
    public List<QueueEntry> expireBefore(long timestampMillis) {
        return guarded("expire entries", () -> cleanup.expireBefore(timestampMillis));
    }

    /** RocksDB's native memory now: memtables, block cache, table readers (see {@link StoreMemory}). */
    public StoreMemory nativeMemory() {
        return guarded("measure its memory", files::memory);
    }

    @Override
    public void reserveMessageIds(long upTo) {
        guarded("reserve message IDs", () -> queues.noteId(upTo));
    }

    @Override
    public long maxMessageId() {
        return queues.maxMessageId();
    }

    // ---- retained messages --------------------------------------------------------------------

    @Override
    public void putRetained(MessageRecord message) {
        Objects.requireNonNull(message, "message");
        guarded("store a retained message", () -> {
            db.put(files.retained, files.durableWrite, StoreKeys.utf8(message.topic()), StoreCodec.encodeMessage(message));
            return null;
        });
    }

    @Override
    public void removeRetained(String topic) {
        guarded("remove a retained message", () -> {
            db.delete(files.retained, files.durableWrite, StoreKeys.utf8(topic));
            return null;
        });
    }

    @Override
    public Map<String, MessageRecord> loadRetained() {
        return guarded("load retained messages", () -> {
            Map<String, MessageRecord> out = new HashMap<>();
            try (RocksIterator it = db.newIterator(files.retained)) {
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
