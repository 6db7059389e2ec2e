package dev.lmqharness.broker.store;

import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Rebuilds at open what {@link RocksDbMessageStore} keeps in memory (the entry count, the last
 * sequence number, reference counts of messages with several recipients, the max message ID) and
 * drops payloads that a crash left without references.
 *
 * <p>One merge pass over two column families that are both in message-ID order: the age index
 * (one key per queue entry, written and deleted in the same batches as the entries) and the
 * messages. A run of age keys with one ID is that message's reference count, so no map of all
 * messages is needed; a message with no run has no reference left.
 */
final class StoreRecovery {

    private static final int BATCH_KEYS = 8192;

    record Result(long queued, long lastSeq, long maxMessageId, long messages, long droppedPayloads) {
    }

    private StoreRecovery() {
    }

    static Result run(StoreDatabase d, RefCounts refs) throws RocksDBException {
        long queued = 0;
        long lastSeq = 0;
        long kept = 0;
        long dropped = 0;
        try (RocksIterator ages = d.db.newIterator(d.age);
             RocksIterator messages = d.db.newIterator(d.messages);
             WriteBatch drops = new WriteBatch()) {
            messages.seekToFirst();
            ages.seekToFirst();
            while (ages.isValid()) {
                byte[] key = ages.key();
                long id = StoreKeys.ageMessageId(key);
                int count = 0;
                do {
                    lastSeq = Math.max(lastSeq, StoreKeys.ageSeq(key));
                    count++;
                    ages.next();
                } while (ages.isValid() && StoreKeys.ageMessageId(key = ages.key()) == id);
                queued += count;
                // Payloads before this ID have no entry left.
                for (; messages.isValid() && StoreKeys.messageId(messages.key()) < id; messages.next()) {
                    dropped += drop(d, drops, messages);
                }
                if (messages.isValid() && StoreKeys.messageId(messages.key()) == id) {
                    kept++;
                    messages.next();
                    refs.stored(id, count);
                }
                // An entry whose payload is missing is left as it is: the broker finds no message for it
                // and acknowledges it.
            }
            ages.status();
            for (; messages.isValid(); messages.next()) {
                dropped += drop(d, drops, messages);
            }
            messages.status();
            if (drops.count() > 0) {
                d.db.write(d.relaxedWrite, drops);
            }
        }
        return new Result(queued, lastSeq, maxMessageId(d), kept, dropped);
    }

    /**
     * A payload is deleted in a second write after its last entry goes; a crash between the two
     * leaves it unreferenced, and it goes here, with its expiry-index key.
     */
    private static int drop(StoreDatabase d, WriteBatch batch, RocksIterator message) throws RocksDBException {
        long id = StoreKeys.messageId(message.key());
        long timestamp = StoreCodec.messageTimestamp(message.value());
        batch.delete(d.messages, message.key());
        batch.delete(d.expiry, StoreKeys.expiry(timestamp, id));
        if (batch.count() >= BATCH_KEYS) {
            d.db.write(d.relaxedWrite, batch);
            batch.clear();
        }
        return 1;
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
}
