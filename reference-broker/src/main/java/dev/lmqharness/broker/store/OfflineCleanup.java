package dev.lmqharness.broker.store;

import dev.lmqharness.broker.store.StoreCodec.EntryValue;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Eviction of the oldest entries and expiry of old messages in the RocksDB store, by scans of the
 * age and expiry indexes. Each scan remembers where the next may start, so it skips the deletion
 * markers of what earlier scans removed.
 */
final class OfflineCleanup {

    private final StoreDatabase files;
    private final RocksDB db;
    private final EntryRemoval removal;
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

    OfflineCleanup(StoreDatabase files, EntryRemoval removal) {
        this.files = files;
        this.db = files.db;
        this.removal = removal;
    }

    /**
     * A message was written: a scan that started earlier fails its compare-and-set and keeps it.
     * Called after the write.
     */
    void noteEnqueued(long messageId, long timestamp) {
        evictFrom.accumulateAndGet(messageId, Math::min);
        expireFrom.accumulateAndGet(timestamp, Math::min);
    }

    /**
     * Walks the age index (message ID, client ID, seq) from the oldest entry that may still be
     * there; an entry in flight is skipped and stays, and the next idle one is taken instead.
     */
    List<QueueEntry> evictOldest(long count) throws RocksDBException {
        List<QueueEntry> out = new ArrayList<>();
        List<EntryValue> freed = new ArrayList<>();
        long start = evictFrom.get();
        long next = start;
        boolean kept = false;
        try (RocksIterator it = db.newIterator(files.age)) {
            for (it.seek(StoreKeys.orderedLong(start)); it.isValid(); it.next()) {
                byte[] key = it.key();
                long id = StoreKeys.ageMessageId(key);
                String clientId = StoreKeys.ageClientId(key);
                long seq = StoreKeys.ageSeq(key);
                EntryValue e = removal.removeIfIdle(clientId, seq, id);
                if (e != null) {
                    out.add(e.toEntry(clientId, seq));
                    freed.add(e);
                    if (freed.size() == EntryRemoval.CHUNK) {
                        removal.release(freed);
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
        removal.release(freed);
        return out;
    }

    /** Walks the expiry index (timestamp, message ID) up to the bound, then each message's entries in the age index. */
    List<QueueEntry> expireBefore(long timestampMillis) throws RocksDBException {
        List<QueueEntry> out = new ArrayList<>();
        List<EntryValue> freed = new ArrayList<>();
        long start = expireFrom.get();
        long next = timestampMillis;
        byte[] bound = StoreKeys.expiry(timestampMillis, Long.MIN_VALUE);
        try (BoundedScan times = new BoundedScan(db, files.expiry, bound); RocksIterator ages = db.newIterator(files.age)) {
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
                    EntryValue e = removal.removeIfIdle(clientId, seq, id);
                    if (e != null) {
                        out.add(e.toEntry(clientId, seq));
                        freed.add(e);
                    } else {
                        // Kept (in flight, or changed meanwhile): the next scan must start no later.
                        next = Math.min(next, StoreKeys.expiryTimestamp(timeKey));
                    }
                }
                ages.status();
                if (freed.size() >= EntryRemoval.CHUNK) {
                    removal.release(freed);
                    freed.clear();
                }
            }
            times.it.status();
        }
        if (next > start) {
            expireFrom.compareAndSet(start, next);
        }
        removal.release(freed);
        return out;
    }
}
