package dev.lmqharness.broker.session;

import dev.lmqharness.broker.rules.MessageIdGenerator;
import dev.lmqharness.broker.store.MessageStore;

/**
 * Message IDs that stay unique across restarts ({@link MessageIdGenerator}) although most messages are never
 * stored: IDs are reserved in the durable store a block at a time, so it costs one small write
 * per block, and a restart continues above the last reserved block.
 */
public final class MessageIdAllocator {

    static final long BLOCK = 1_000;

    private final MessageIdGenerator ids;
    private final MessageStore store;
    private volatile long reservedUpTo;

    public MessageIdAllocator(MessageStore store) {
        this.store = store;
        this.ids = new MessageIdGenerator(store.maxMessageId());
        this.reservedUpTo = store.maxMessageId();
    }

    public long next() {
        long id = ids.next();
        if (id > reservedUpTo) {
            reserve(id);
        }
        return id;
    }

    private synchronized void reserve(long id) {
        if (id > reservedUpTo) {
            long upTo = id + BLOCK;
            store.reserveMessageIds(upTo);
            reservedUpTo = upTo;
        }
    }
}
