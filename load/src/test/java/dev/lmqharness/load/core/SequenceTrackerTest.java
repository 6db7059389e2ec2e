package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.lmqharness.load.core.SequenceTracker.Outcome.DUPLICATE;
import static dev.lmqharness.load.core.SequenceTracker.Outcome.IN_ORDER;
import static dev.lmqharness.load.core.SequenceTracker.Outcome.OUT_OF_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    @Test
    void inOrderStreamHasNoDuplicatesGapsOrReordering() {
        SequenceTracker t = new SequenceTracker();
        for (long i = 0; i < 10_000; i++) {
            assertThat(t.record(i)).isEqualTo(IN_ORDER);
        }
        assertThat(t.unique()).isEqualTo(10_000);
        assertThat(t.duplicates()).isZero();
        assertThat(t.outOfOrder()).isZero();
        assertThat(t.gaps()).isZero();
    }

    @Test
    void duplicatesAreCountedOnceEachBelowAndAboveTheFloor() {
        SequenceTracker t = new SequenceTracker();
        for (long i = 0; i < 5000; i++) {
            t.record(i); // folds the first 4096+ into the floor
        }
        assertThat(t.record(10)).isEqualTo(DUPLICATE);     // below the floor
        assertThat(t.record(4999)).isEqualTo(DUPLICATE);   // in the window
        assertThat(t.unique()).isEqualTo(5000);
        assertThat(t.duplicates()).isEqualTo(2);
    }

    @Test
    void lateArrivalIsOutOfOrderAndFillsTheGap() {
        SequenceTracker t = new SequenceTracker();
        t.record(0);
        t.record(2);
        assertThat(t.gaps()).isEqualTo(1);
        assertThat(t.record(1)).isEqualTo(OUT_OF_ORDER);
        assertThat(t.gaps()).isZero();
        assertThat(t.outOfOrder()).isEqualTo(1);
    }

    @Test
    void lossShowsAsGapsBelowTheHighestSequence() {
        SequenceTracker t = new SequenceTracker();
        for (long i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                t.record(i);
            }
        }
        assertThat(t.unique()).isEqualTo(90);
        assertThat(t.gaps()).isEqualTo(10);
        assertThat(t.maxSeen()).isEqualTo(99);
    }

    @Test
    void gapsLeaveOutTheStreamsEnds() {
        SequenceTracker t = new SequenceTracker();
        assertThat(t.gaps()).isZero();
        // A receiver that subscribed while the publisher was at 100, and left before 200 came.
        for (long i = 100; i < 200; i++) {
            if (i != 150) {
                t.record(i);
            }
        }
        assertThat(t.gaps()).isEqualTo(1);
    }

    @Test
    void shuffledStreamWithRepeatsCountsExactly() {
        List<Long> seqs = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            seqs.add(i);
        }
        for (long i = 0; i < 20_000; i += 7) {
            seqs.add(i); // 2858 repeats
        }
        Collections.shuffle(seqs, new Random(42));
        SequenceTracker t = new SequenceTracker();
        seqs.forEach(t::record);
        assertThat(t.unique()).isEqualTo(20_000);
        assertThat(t.duplicates()).isEqualTo(2858);
        assertThat(t.gaps()).isZero();
        assertThat(t.outOfOrder()).isPositive();
    }
}
