package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lmqharness.load.core.DrainCheck.State.AWAITING_MESSAGES;
import static dev.lmqharness.load.core.DrainCheck.State.AWAITING_PUBLISHERS;
import static dev.lmqharness.load.core.DrainCheck.State.COMPLETE;
import static org.assertj.core.api.Assertions.assertThat;

class DrainCheckTest {

    private static PayloadCodec.Stamp msg(long publisher, long seq) {
        return new PayloadCodec.Stamp(publisher, seq, 0, 1);
    }

    /**
     * The steady fleet's last publish (issue 5, reference broker, 1,000 clients, run 3): the
     * client has its PUBACK and goes on to its drain before the ledger's own PUBACK callback has
     * counted the message, and the broker sends the PUBACK before the copy routed back to the
     * client. A drain that ended there would let the client disconnect before that copy came,
     * and the ledger, counting the publish a moment later, would report it lost.
     */
    @Test
    void anAcknowledgedPublishTheLedgerHasNotCountedKeepsTheDrainOpen() {
        DeliveryLedger ledger = new DeliveryLedger();
        DeliveryLedger.Receiver self = ledger.receiver("c1");
        self.expect("fleet/1");
        ledger.publishing(1, "fleet/1");
        ledger.sending(1);
        // PUBACK seen by the user, not yet by the ledger; the user ends its publishing and drains.
        ledger.publisherFinished(1);
        assertThat(DrainCheck.check(ledger, self, 0).state()).isEqualTo(AWAITING_PUBLISHERS);

        ledger.accepted(1, "fleet/1", 1);
        DrainCheck.Verdict waiting = DrainCheck.check(ledger, self, 0);
        assertThat(waiting.state()).isEqualTo(AWAITING_MESSAGES);
        assertThat(waiting.expected()).isEqualTo(1);

        self.received(msg(1, 0));
        assertThat(DrainCheck.check(ledger, self, 0).state()).isEqualTo(COMPLETE);
        assertThat(ledger.totals().lost[1]).isZero();
    }

    /** An acknowledgement that came after the harness's timeout still counts, so the drain waits for it. */
    @Test
    void aPublishStillAwaitingItsAcknowledgementKeepsTheDrainOpenUntilItFails() {
        DeliveryLedger ledger = new DeliveryLedger();
        DeliveryLedger.Receiver self = ledger.receiver("c1");
        self.expect("t");
        ledger.publishing(1, "t");
        ledger.sending(1);
        ledger.sending(1);
        ledger.accepted(1, "t", 1);
        self.received(msg(1, 0));
        ledger.publisherFinished(1);
        DrainCheck.Verdict v = DrainCheck.check(ledger, self, 0);
        assertThat(v.state()).isEqualTo(AWAITING_PUBLISHERS);
        assertThat(v.describe()).contains("1 publishes awaiting acknowledgement");

        ledger.notAccepted(1); // e.g. the connection closed: nothing was accepted, nothing is owed
        assertThat(DrainCheck.check(ledger, self, 0).state()).isEqualTo(COMPLETE);
        assertThat(ledger.totals().lost[1]).isZero();
    }

    /** A message the broker accepted and never delivered is still a loss: the drain never completes. */
    @Test
    void aMessageAcceptedAndNeverDeliveredIsLost() {
        DeliveryLedger ledger = new DeliveryLedger();
        DeliveryLedger.Receiver self = ledger.receiver("c1");
        self.expect("t");
        ledger.publishing(1, "t");
        for (int i = 0; i < 3; i++) {
            ledger.sending(1);
            ledger.accepted(1, "t", 1);
        }
        ledger.publisherFinished(1);
        self.received(msg(1, 0));
        self.received(msg(1, 2)); // sequence 1 never comes
        DrainCheck.Verdict v = DrainCheck.check(ledger, self, 0);
        assertThat(v.state()).isEqualTo(AWAITING_MESSAGES);
        assertThat(v.describe()).isEqualTo("lost 1 of 3 messages");
        DeliveryLedger.Totals t = ledger.totals();
        assertThat(t.lost[1]).isEqualTo(1);
        assertThat(t.gaps[1]).isEqualTo(1);
    }

    @Test
    void theDrainWaitsForTheAwaitedNumberOfPublishers() {
        DeliveryLedger ledger = new DeliveryLedger();
        DeliveryLedger.Receiver sink = ledger.receiver("sink");
        sink.expect("g/+");
        assertThat(DrainCheck.check(ledger, sink, 2).state()).isEqualTo(AWAITING_PUBLISHERS);
        ledger.publishing(1, "g/a");
        ledger.publishing(2, "g/b");
        ledger.publisherFinished(1);
        assertThat(DrainCheck.check(ledger, sink, 2).state()).isEqualTo(AWAITING_PUBLISHERS);
        ledger.publisherFinished(2);
        assertThat(DrainCheck.check(ledger, sink, 2).state()).isEqualTo(COMPLETE);
    }

    /**
     * The race itself, on threads: a publisher thread counts each publish after it has let its
     * user go on (as the client's PUBACK callbacks may run), the user's thread drains as soon as
     * it may. Whenever the drain says complete, the expectation it saw must be final.
     */
    @Test
    void aDrainThatCompletesNeverSeesAnExpectationThatGrowsLater() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                DeliveryLedger ledger = new DeliveryLedger();
                DeliveryLedger.Receiver self = ledger.receiver("c" + round);
                self.expect("t");
                ledger.publishing(round, "t");
                ledger.sending(round);
                CountDownLatch userGoesOn = new CountDownLatch(1);
                AtomicLong seenExpected = new AtomicLong(-1);
                long publisher = round;
                Future<?> drain = threads.submit(() -> {
                    userGoesOn.await();
                    ledger.publisherFinished(publisher);
                    while (true) {
                        DrainCheck.Verdict v = DrainCheck.check(ledger, self, 0);
                        if (v.complete()) {
                            seenExpected.set(v.expected());
                            return null;
                        }
                        if (v.state() == AWAITING_MESSAGES) {
                            self.received(msg(publisher, 0)); // the routed copy arrives
                        }
                        Thread.onSpinWait();
                    }
                });
                Future<?> ack = threads.submit(() -> {
                    userGoesOn.countDown(); // the user's handler ran first
                    ledger.accepted(publisher, "t", 1);
                });
                ack.get(5, TimeUnit.SECONDS);
                drain.get(5, TimeUnit.SECONDS);
                assertThat(seenExpected.get()).as("round %d: expectation the completed drain saw", round)
                        .isEqualTo(self.expectedTotal());
                assertThat(ledger.totals().lost[1]).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
