package dev.lmqharness.broker.store;

import dev.lmqharness.broker.store.StoreCodec.EntryValue;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-client queues of the RocksDB store: enqueue (one atomic write batch per message, with
 * its entries and indexes), read, update, acknowledge, count and delete. No state per client: one
 * sequence counter for all queues, and striped locks ({@link ClientLocks}).
 */
final class StoredQueues {

    private static final byte[] EMPTY = new byte[0];

    private final StoreDatabase files;
    private final RocksDB db;
    private final ClientLocks locks;
    private final RefCounts refs;
    private final EntryRemoval removal;
    private final OfflineCleanup cleanup;
    private final AtomicLong total;
    /** The last sequence number handed out; one counter for all queues, so no state per client. */
    private final AtomicLong lastSeq;
    private final AtomicLong maxMessageId;

    StoredQueues(StoreDatabase files, ClientLocks locks, RefCounts refs, EntryRemoval removal, OfflineCleanup cleanup,
                 AtomicLong total, long lastSeq, long maxMessageId) {
        this.files = files;
        this.db = files.db;
        this.locks = locks;
        this.refs = refs;
        this.removal = removal;
        this.cleanup = cleanup;
        this.total = total;
        this.lastSeq = new AtomicLong(lastSeq);
        this.maxMessageId = new AtomicLong(maxMessageId);
    }

    long maxMessageId() {
        return maxMessageId.get();
    }

    List<QueueEntry> enqueue(MessageRecord message, List<Recipient> recipients) throws RocksDBException {
        long previousMax = maxMessageId.getAndAccumulate(message.id(), Math::max);
        if (recipients.isEmpty()) {
            // Nothing to queue, but the ID is still used up: keep it from being handed out again after a restart.
            return noteId(message.id());
        }
        if (message.id() <= previousMax && db.get(files.messages, StoreKeys.message(message.id())) != null) {
            throw new IllegalArgumentException("message " + message.id()
                    + " is already stored: each message is enqueued once, for all its recipients");
        }
        return append(message, recipients);
    }

    /** Remembers an ID as used (relaxed write: a reservation, see {@code MessageStore#reserveMessageIds}). */
    List<QueueEntry> noteId(long id) throws RocksDBException {
        db.merge(files.meta, files.relaxedWrite, StoreKeys.MAX_MESSAGE_ID, StoreKeys.orderedLong(id));
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
                batch.put(files.messages, StoreKeys.message(m.id()), StoreCodec.encodeMessage(m));
                batch.put(files.expiry, StoreKeys.expiry(m.timestamp(), m.id()), EMPTY);
                batch.merge(files.meta, StoreKeys.MAX_MESSAGE_ID, StoreKeys.orderedLong(m.id()));
                for (Recipient r : recipients) {
                    seq++;
                    batch.put(files.queues, StoreKeys.queue(r.clientId(), seq),
                            StoreCodec.encodeEntry(new EntryValue(m.id(), m.timestamp(), r.qos(), 0, false, false, n == 1)));
                    batch.put(files.age, StoreKeys.age(m.id(), r.clientId(), seq), EMPTY);
                    out.add(new QueueEntry(r.clientId(), seq, m.id(), r.qos(), 0, false));
                }
                db.write(files.durableWrite, batch);
            } catch (RocksDBException | RuntimeException e) {
                refs.forget(m.id());
                throw e;
            }
            total.addAndGet(n);
            cleanup.noteEnqueued(m.id(), m.timestamp());
            return out;
        } finally {
            locks.unlockAppend(stripes);
        }
    }

    List<QueueEntry> read(String clientId, long afterSeq, int max) throws RocksDBException {
        byte[] prefix = StoreKeys.queuePrefix(clientId);
        List<QueueEntry> out = new ArrayList<>(Math.min(max, 64));
        try (BoundedScan scan = new BoundedScan(db, files.queues, StoreKeys.queueEnd(prefix))) {
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
    }

    Optional<MessageRecord> loadMessage(long messageId) throws RocksDBException {
        byte[] value = db.get(files.messages, StoreKeys.message(messageId));
        return value == null ? Optional.empty() : Optional.of(StoreCodec.decodeMessage(value));
    }

    void update(QueueEntry entry) throws RocksDBException {
        locks.lockEntries(entry.clientId());
        try {
            byte[] key = StoreKeys.queue(entry.clientId(), entry.seq());
            byte[] value = db.get(files.queues, key);
            if (value == null) {
                return; // acknowledged or removed meanwhile: never bring it back
            }
            EntryValue current = StoreCodec.decodeEntry(value);
            if (current.messageId() != entry.messageId()) {
                throw new IllegalArgumentException("entry " + entry.clientId() + "/" + entry.seq() + " holds message "
                        + current.messageId() + ", not " + entry.messageId());
            }
            db.put(files.queues, files.durableWrite, key,
                    StoreCodec.encodeEntry(current.withDelivery(entry.qos(), entry.packetId(), entry.released(), entry.parked())));
        } finally {
            locks.unlockEntries(entry.clientId());
        }
    }

    void ack(String clientId, long seq) throws RocksDBException {
        EntryValue removed;
        locks.lockEntries(clientId);
        try {
            removed = removal.removeLocked(clientId, seq, EntryRemoval.ANY_MESSAGE, files.durableWrite);
        } finally {
            locks.unlockEntries(clientId);
        }
        if (removed != null && !removed.sole()) {
            removal.release(List.of(removed));
        }
    }

    /** Counted by a scan of the queue (no per-client counter is kept): O(queue length). */
    long count(String clientId) throws RocksDBException {
        byte[] prefix = StoreKeys.queuePrefix(clientId);
        long n = 0;
        try (BoundedScan scan = new BoundedScan(db, files.queues, StoreKeys.queueEnd(prefix))) {
            RocksIterator it = scan.it;
            for (it.seek(prefix); it.isValid(); it.next()) {
                n++;
            }
            it.status();
        }
        return n;
    }

    /** Deletes the queue in chunks, each chunk's payload references released after its entries went. */
    void delete(String clientId) throws RocksDBException {
        locks.lockQueue(clientId);
        try {
            byte[] prefix = StoreKeys.queuePrefix(clientId);
            List<EntryValue> freed = new ArrayList<>();
            try (BoundedScan scan = new BoundedScan(db, files.queues, StoreKeys.queueEnd(prefix));
                 WriteBatch batch = new WriteBatch()) {
                RocksIterator it = scan.it;
                for (it.seek(prefix); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    EntryValue e = StoreCodec.decodeEntry(it.value());
                    batch.delete(files.queues, key);
                    batch.delete(files.age, StoreKeys.age(e.messageId(), clientId, StoreKeys.queueSeq(key)));
                    removal.deletePayloadIfSole(batch, e);
                    freed.add(e);
                    if (freed.size() == EntryRemoval.CHUNK) {
                        removal.commit(batch, freed);
                    }
                }
                it.status();
                if (!freed.isEmpty()) {
                    removal.commit(batch, freed);
                }
            }
        } finally {
            locks.unlockQueue(clientId);
        }
    }
}
