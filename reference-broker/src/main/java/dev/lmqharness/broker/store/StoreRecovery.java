package dev.lmqharness.broker.store;

import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Rebuilds at open what {@link RocksDbMessageStore} keeps in memory (queues with their sequence
 * counters and sizes, payload reference counts, the max message ID) by one scan of the queues,
 * and drops payloads that a crash left without references.
 */
final class StoreRecovery {

    private static final int BATCH_KEYS = 8192;

    record Result(long queued, long maxMessageId, int droppedPayloads) {
    }

    private StoreRecovery() {
    }

    static Result run(StoreDatabase d, Map<String, ClientQueue> queues, Map<Long, Integer> refs) throws RocksDBException {
        long queued = 0;
        try (RocksIterator it = d.db.newIterator(d.queues)) {
            ClientQueue current = null;
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (current == null || !StoreKeys.hasPrefix(key, current.prefix)) {
                    current = queues.computeIfAbsent(StoreKeys.queueClientId(key), ClientQueue::new);
                }
                // Keys of one queue come in seq order, so the last one seen is the largest.
                current.lastSeq.set(StoreKeys.queueSeq(key));
                current.size.incrementAndGet();
                queued++;
                refs.merge(StoreCodec.decodeEntry(it.value()).messageId(), 1, Integer::sum);
            }
            it.status();
        }
        return new Result(queued, maxMessageId(d), dropUnreferenced(d, refs));
    }

    private static long maxMessageId(StoreDatabase d) throws RocksDBException {
        byte[] max = d.db.get(d.meta, StoreKeys.MAX_MESSAGE_ID);
        long maxId = max == null ? 0 : StoreKeys.getOrdered(max, 0);
        try (RocksIterator it = d.db.newIterator(d.messages)) {
            it.seekToLast();
            if (it.isValid()) {
                maxId = Math.max(maxId, StoreKeys.messageId(it.key()));
            }
            it.status();
        }
        return maxId;
    }

    /**
     * A payload is deleted in a second write after its last entry goes; a crash between the two
     * leaves it unreferenced, and it goes here.
     */
    private static int dropUnreferenced(StoreDatabase d, Map<Long, Integer> refs) throws RocksDBException {
        int dropped = 0;
        try (RocksIterator it = d.db.newIterator(d.expiry); WriteBatch batch = new WriteBatch()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                long id = StoreKeys.expiryMessageId(key);
                if (!refs.containsKey(id)) {
                    batch.delete(d.expiry, key);
                    batch.delete(d.messages, StoreKeys.message(id));
                    dropped++;
                    if (batch.count() >= BATCH_KEYS) {
                        d.db.write(d.relaxedWrite, batch);
                        batch.clear();
                    }
                }
            }
            it.status();
            if (batch.count() > 0) {
                d.db.write(d.relaxedWrite, batch);
            }
        }
        return dropped;
    }
}
