package dev.lmqharness.broker.store;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * How many queue entries reference each stored message, for {@link RocksDbMessageStore}, kept lean
 * enough for a million messages:
 * <ul>
 *   <li>only messages with two or more live references have a count here; a stored message without
 *       one has exactly one. The common single-recipient message costs no memory at all, and
 *       dropping a reference of a message without a count means its last one went;</li>
 *   <li>counts live in primitive {@code long -> int} open-addressing maps (about 16 to 32 bytes a
 *       message instead of some 80 for boxed keys and values in a concurrent map);</li>
 *   <li>the maps are striped by message ID, each stripe guarded by its own monitor, so concurrent
 *       publishers and acknowledgers rarely meet.</li>
 * </ul>
 * The absent-means-one rule needs every message ID to be retained once, by the enqueue that stores
 * it ({@link RocksDbMessageStore} refuses an ID that is still stored).
 */
final class RefCounts {

    private static final int STRIPES = 64;

    private final Long2IntOpenHashMap[] stripes = new Long2IntOpenHashMap[STRIPES];

    RefCounts() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Long2IntOpenHashMap();
        }
    }

    private Long2IntOpenHashMap stripe(long messageId) {
        return stripes[(int) (HashCommon.mix(messageId) & (STRIPES - 1))];
    }

    /** A new message was stored with {@code references} entries (at least one). */
    void stored(long messageId, int references) {
        if (references < 1) {
            throw new IllegalArgumentException("a stored message has at least one reference, not " + references);
        }
        if (references == 1) {
            return;
        }
        Long2IntOpenHashMap s = stripe(messageId);
        synchronized (s) {
            s.put(messageId, references);
        }
    }

    /** Undoes {@link #stored} after the write failed. */
    void forget(long messageId) {
        Long2IntOpenHashMap s = stripe(messageId);
        synchronized (s) {
            s.remove(messageId);
        }
    }

    /**
     * One entry of a stored message was removed.
     *
     * @return true if it was the message's last reference, so the payload goes
     */
    boolean release(long messageId) {
        Long2IntOpenHashMap s = stripe(messageId);
        synchronized (s) {
            int count = s.get(messageId); // 0 when absent, which means exactly one
            if (count == 0) {
                return true;
            }
            if (count == 2) {
                s.remove(messageId); // one left: absent says so
            } else {
                s.put(messageId, count - 1);
            }
            return false;
        }
    }

    /** Live references of a stored message (1 if it has no count); for tests and recovery checks. */
    int references(long messageId) {
        Long2IntOpenHashMap s = stripe(messageId);
        synchronized (s) {
            int count = s.get(messageId);
            return count == 0 ? 1 : count;
        }
    }

    /** Messages that have two or more references. */
    long counted() {
        long n = 0;
        for (Long2IntOpenHashMap s : stripes) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }
}
