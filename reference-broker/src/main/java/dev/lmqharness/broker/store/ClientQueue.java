package dev.lmqharness.broker.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-memory state of one client's durable queue in {@link RocksDbMessageStore}: its sequence
 * counter, its size and the two locks that keep it consistent without a store-wide lock.
 *
 * <ul>
 *   <li>{@link #appendGate}: enqueues hold it shared (they add new keys only, so they never block
 *       one another); {@code deleteSession} holds it exclusively, so no append can land in a queue
 *       while it is being deleted.</li>
 *   <li>{@link #entryLock}: held while an existing entry is read and then changed or removed (ack,
 *       update, evict, expire, delete), so an entry marked in flight is never evicted and an entry
 *       is never removed (and its reference released) twice.</li>
 * </ul>
 * Once {@link #removed} is set the queue is out of the store's map and has no keys left; callers
 * that locked it late look it up again.
 */
final class ClientQueue {

    final String clientId;
    final byte[] prefix;
    final AtomicLong lastSeq = new AtomicLong();
    final AtomicLong size = new AtomicLong();
    final ReentrantReadWriteLock appendGate = new ReentrantReadWriteLock();
    final ReentrantLock entryLock = new ReentrantLock();
    volatile boolean removed;

    ClientQueue(String clientId) {
        this.clientId = clientId;
        this.prefix = StoreKeys.queuePrefix(clientId);
    }

    byte[] key(long seq) {
        return StoreKeys.queue(prefix, seq);
    }
}
