package dev.lmqharness.broker.store;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The locks that keep each client's queue in {@link RocksDbMessageStore} consistent without a
 * store-wide lock. They are striped by client ID (a fixed number, whatever the number of clients),
 * so the store keeps no object per client: a million persistent clients cost no heap here.
 *
 * <ul>
 *   <li>The append gate: enqueues hold it shared (they only add new keys, so they never block one
 *       another); {@code deleteSession} holds it exclusively, so no entry lands in a queue while
 *       that queue is being deleted.</li>
 *   <li>The entry lock: held while an existing entry is read and then changed or removed (ack,
 *       update, evict, expire, delete), so an entry marked in flight is never evicted and an entry
 *       is never removed (and its reference released) twice.</li>
 * </ul>
 * Two clients in one stripe share its locks: the price is that deleting one's queue briefly holds
 * up appends to the other, never a wrong result. Lock order: append gates (in stripe order), then
 * entry locks; never the other way round.
 */
final class ClientLocks {

    /** A power of two; 1,024 stripes cost about 150 KiB. */
    private static final int STRIPES = 1024;

    private final ReentrantReadWriteLock[] gates = new ReentrantReadWriteLock[STRIPES];
    private final ReentrantLock[] entryLocks = new ReentrantLock[STRIPES];

    ClientLocks() {
        for (int i = 0; i < STRIPES; i++) {
            gates[i] = new ReentrantReadWriteLock();
            entryLocks[i] = new ReentrantLock();
        }
    }

    private static int stripe(String clientId) {
        int h = clientId.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    /**
     * Takes the append gates of all recipients, shared, each stripe once and in stripe order (so no
     * two enqueues deadlock).
     *
     * @return the stripes taken, for {@link #unlockAppend}
     */
    int[] lockAppend(List<Recipient> recipients) {
        int[] taken = new int[recipients.size()];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = stripe(recipients.get(i).clientId());
        }
        Arrays.sort(taken);
        int n = 0;
        for (int i = 0; i < taken.length; i++) {
            if (n == 0 || taken[n - 1] != taken[i]) {
                taken[n++] = taken[i];
            }
        }
        int[] stripes = Arrays.copyOf(taken, n);
        for (int i = 0; i < stripes.length; i++) {
            try {
                gates[stripes[i]].readLock().lock();
            } catch (RuntimeException | Error e) {
                unlockAppend(Arrays.copyOf(stripes, i));
                throw e;
            }
        }
        return stripes;
    }

    void unlockAppend(int[] stripes) {
        for (int s : stripes) {
            gates[s].readLock().unlock();
        }
    }

    /** Exclusive append gate of the client's stripe, then its entry lock: nothing else touches the queue. */
    void lockQueue(String clientId) {
        int s = stripe(clientId);
        gates[s].writeLock().lock();
        entryLocks[s].lock();
    }

    void unlockQueue(String clientId) {
        int s = stripe(clientId);
        entryLocks[s].unlock();
        gates[s].writeLock().unlock();
    }

    void lockEntries(String clientId) {
        entryLocks[stripe(clientId)].lock();
    }

    void unlockEntries(String clientId) {
        entryLocks[stripe(clientId)].unlock();
    }
}
