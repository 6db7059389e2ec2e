package dev.lmqharness.load.core;

import java.util.BitSet;

/**
 * What one receiver saw of one publisher's sequence numbers: unique messages, duplicates and
 * messages that arrived after a higher sequence number (order is promised per publisher,
 * RULES.md LMQ-MSG-2). Memory stays small because every sequence below the first gap is folded
 * into a floor.
 *
 * <p>Not thread-safe; a receiver's messages arrive on one client thread, and readers synchronise
 * on the owning {@link DeliveryLedger.Receiver}.
 */
public final class SequenceTracker {

    /** How a message was classified. */
    public enum Outcome { IN_ORDER, OUT_OF_ORDER, DUPLICATE }

    private static final int COMPACT_AT = 4096;

    private long floor;            // every sequence below this was seen
    private BitSet seen = new BitSet(); // bit i = sequence floor + i was seen
    private long maxSeen = -1;
    private long minSeen = Long.MAX_VALUE;
    private long unique;
    private long duplicates;
    private long outOfOrder;

    public Outcome record(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("negative sequence " + sequence);
        }
        if (sequence < floor) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        long offset = sequence - floor;
        if (offset > Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("sequence " + sequence + " is more than 2^31 ahead of the first gap at " + floor);
        }
        int i = (int) offset;
        if (seen.get(i)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        seen.set(i);
        unique++;
        Outcome outcome = sequence < maxSeen ? Outcome.OUT_OF_ORDER : Outcome.IN_ORDER;
        if (outcome == Outcome.OUT_OF_ORDER) {
            outOfOrder++;
        }
        maxSeen = Math.max(maxSeen, sequence);
        minSeen = Math.min(minSeen, sequence);
        compact();
        return outcome;
    }

    private void compact() {
        int firstGap = seen.nextClearBit(0);
        if (firstGap >= COMPACT_AT) {
            seen = seen.get(firstGap, Math.max(firstGap, seen.length()));
            floor += firstGap;
        }
    }

    public long unique() {
        return unique;
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    /** Highest sequence seen, or -1. */
    public long maxSeen() {
        return maxSeen;
    }

    /**
     * Sequences between the lowest and the highest one seen that never arrived: a lower bound of
     * loss that leaves out the stream's ends (what a receiver that subscribed late never expected,
     * and what was still on its way when it stopped).
     */
    public long gaps() {
        return unique == 0 ? 0 : maxSeen - minSeen + 1 - unique;
    }
}
