package dev.lmqharness.broker.store;

import dev.lmqharness.broker.store.StoreCodec.EntryValue;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Removes queue entries of the RocksDB store and the payloads they leave without references; the
 * one way out of a queue, shared by acknowledgement, queue deletion, eviction and expiry.
 */
final class EntryRemoval {

    /** Entries deleted per write batch when a whole queue or many messages go at once. */
    static final int CHUNK = 4096;
    /** For {@link #removeLocked}: remove whatever the entry holds, in flight or not (ack). */
    static final long ANY_MESSAGE = Long.MIN_VALUE;

    private final StoreDatabase files;
    private final RocksDB db;
    private final ClientLocks locks;
    private final RefCounts refs;
    /** Entries in all queues. */
    private final AtomicLong total;

    EntryRemoval(StoreDatabase files, ClientLocks locks, RefCounts refs, AtomicLong total) {
        this.files = files;
        this.db = files.db;
        this.locks = locks;
        this.refs = refs;
        this.total = total;
    }

    /**
     * Removes one entry (caller holds the client's entry lock). With a message ID (eviction, expiry)
     * it keeps entries in flight and entries of another message (an index snapshot may be stale).
     *
     * @return the removed entry, null if nothing was removed
     */
    EntryValue removeLocked(String clientId, long seq, long onlyIdleOfMessage, WriteOptions options)
            throws RocksDBException {
        byte[] key = StoreKeys.queue(clientId, seq);
        byte[] value = db.get(files.queues, key);
        if (value == null) {
            return null;
        }
        EntryValue e = StoreCodec.decodeEntry(value);
        if (onlyIdleOfMessage != ANY_MESSAGE && (e.inFlight() || e.messageId() != onlyIdleOfMessage)) {
            return null;
        }
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(files.queues, key);
            batch.delete(files.age, StoreKeys.age(e.messageId(), clientId, seq));
            deletePayloadIfSole(batch, e);
            db.write(options, batch);
        }
        total.decrementAndGet();
        return e;
    }

    /** Removes the entry unless it is in flight, gone or now another message's; used by eviction and expiry. */
    EntryValue removeIfIdle(String clientId, long seq, long messageId) throws RocksDBException {
        locks.lockEntries(clientId);
        try {
            return removeLocked(clientId, seq, messageId, files.relaxedWrite);
        } finally {
            locks.unlockEntries(clientId);
        }
    }

    /** A message enqueued for one entry alone goes in the same write as that entry: nothing else refers to it. */
    void deletePayloadIfSole(WriteBatch batch, EntryValue e) throws RocksDBException {
        if (e.sole()) {
            batch.delete(files.messages, StoreKeys.message(e.messageId()));
            batch.delete(files.expiry, StoreKeys.expiry(e.timestamp(), e.messageId()));
        }
    }

    /** Writes a batch of removed entries, then releases their payload references. */
    void commit(WriteBatch batch, List<EntryValue> freed) throws RocksDBException {
        db.write(files.durableWrite, batch);
        batch.clear();
        total.addAndGet(-freed.size());
        release(freed);
        freed.clear();
    }

    /**
     * Drops one reference per removed entry of a message with several recipients and deletes the
     * payloads whose last reference went. This is a second write after the entries' removal, so a
     * crash can only leave an unreferenced payload (dropped at the next open by
     * {@link StoreRecovery}), never an entry without its payload. Sole entries' payloads went with
     * them already.
     */
    void release(List<EntryValue> removed) throws RocksDBException {
        if (removed.stream().allMatch(EntryValue::sole)) {
            return; // nothing counted: spare the native batch
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (EntryValue e : removed) {
                if (!e.sole() && refs.release(e.messageId())) {
                    batch.delete(files.messages, StoreKeys.message(e.messageId()));
                    batch.delete(files.expiry, StoreKeys.expiry(e.timestamp(), e.messageId()));
                    if (batch.count() >= 2 * CHUNK) {
                        db.write(files.relaxedWrite, batch);
                        batch.clear();
                    }
                }
            }
            if (batch.count() > 0) {
                db.write(files.relaxedWrite, batch);
            }
        }
    }
}
