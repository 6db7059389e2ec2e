package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryLedgerTest {

    private static PayloadCodec.Stamp msg(long publisher, long seq, int qos) {
        return new PayloadCodec.Stamp(publisher, seq, 0, qos);
    }

    @Test
    void receiverExpectsOnlyWhatWasPublishedAfterItSubscribed() {
        DeliveryLedger l = new DeliveryLedger();
        l.published("t/1", 1);
        l.published("t/1", 1);
        DeliveryLedger.Receiver r = l.receiver("c1");
        r.expect("t/1");
        for (int i = 0; i < 5; i++) {
            l.published("t/1", 1);
        }
        assertThat(r.expectedTotal()).isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            r.received(msg(9, i, 1));
        }
        DeliveryLedger.Totals t = l.totals();
        assertThat(t.published[1]).isEqualTo(7);
        assertThat(t.expected[1]).isEqualTo(5);
        assertThat(t.unique[1]).isEqualTo(4);
        assertThat(t.lost[1]).isEqualTo(1);
    }

    @Test
    void duplicatesDoNotHideLoss() {
        DeliveryLedger l = new DeliveryLedger();
        DeliveryLedger.Receiver r = l.receiver("c1");
        r.expect("t");
        l.published("t", 1);
        l.published("t", 1);
        r.received(msg(1, 0, 1));
        r.received(msg(1, 0, 1));
        DeliveryLedger.Totals t = l.totals();
        assertThat(t.unique[1]).isEqualTo(1);
        assertThat(t.duplicates[1]).isEqualTo(1);
        assertThat(t.lost[1]).isEqualTo(1);
    }

    @Test
    void wildcardFanInAddsEveryMatchingTopic() {
        DeliveryLedger l = new DeliveryLedger();
        DeliveryLedger.Receiver sink = l.receiver("sink");
        sink.expect("fanin/g1/+");
        l.published("fanin/g1/a", 1);
        l.published("fanin/g1/b", 1);
        l.published("fanin/g2/a", 1); // other group
        assertThat(sink.expectedTotal()).isEqualTo(2);
        assertThat(l.receiversExpecting("fanin/g1/zzz")).isEqualTo(1);
        assertThat(l.receiversExpecting("fanin/g2/a")).isZero();
    }

    @Test
    void fanOutExpectsOneCopyPerSubscriber() {
        DeliveryLedger l = new DeliveryLedger();
        for (int i = 0; i < 3; i++) {
            l.receiver("s" + i).expect("news");
        }
        for (int i = 0; i < 10; i++) {
            l.published("news", 0);
        }
        for (int i = 0; i < 3; i++) {
            for (int s = 0; s < 10; s++) {
                if (!(i == 2 && s == 5)) {
                    l.receiver("s" + i).received(msg(77, s, 0));
                }
            }
        }
        DeliveryLedger.Totals t = l.totals();
        assertThat(t.expected[0]).isEqualTo(30);
        assertThat(t.unique[0]).isEqualTo(29);
        assertThat(t.lost[0]).isEqualTo(1);
    }

    @Test
    void reExpectingAFilterKeepsTheFirstBaselineLikeAPersistentSession() {
        DeliveryLedger l = new DeliveryLedger();
        DeliveryLedger.Receiver r = l.receiver("persistent");
        r.expect("q");
        l.published("q", 1);
        l.published("q", 1);
        l.receiver("persistent").expect("q"); // reconnecting user subscribes again
        assertThat(r.expectedTotal()).isEqualTo(2);
    }

    @Test
    void countsArePerPublishQosAndUnexpectedArrivalsAreSeparate() {
        DeliveryLedger l = new DeliveryLedger();
        DeliveryLedger.Receiver r = l.receiver("c");
        r.received(msg(1, 0, 2)); // nothing expected
        DeliveryLedger.Totals t = l.totals();
        assertThat(t.unexpected[2]).isEqualTo(1);
        assertThat(t.lost[2]).isZero();
        assertThat(t.asCounters()).containsEntry("unexpected.qos2", 1L).containsEntry("received.qos2", 1L);
    }

    @Test
    void publishersAreCountedPerReceiverTopics() {
        DeliveryLedger l = new DeliveryLedger();
        DeliveryLedger.Receiver sink = l.receiver("sink");
        sink.expect("g1/+");
        l.publishing(1, "g1/a");
        l.publishing(2, "g1/b");
        l.publishing(3, "g2/a"); // not this receiver's
        l.publisherFinished(3);
        assertThat(l.publishersOf(sink)).isEqualTo(new DeliveryLedger.PublisherState(0, 2, 0));
        l.publisherFinished(1);
        l.publisherFinished(1); // said twice, counted once
        assertThat(l.publishersOf(sink)).isEqualTo(new DeliveryLedger.PublisherState(1, 1, 0));
        l.publisherFinished(2);
        assertThat(l.publishersOf(sink)).isEqualTo(new DeliveryLedger.PublisherState(2, 0, 0));
        assertThat(l.finishedPublishers()).isEqualTo(3);
        assertThat(l.publishersOf(l.receiver("nobody"))).isEqualTo(new DeliveryLedger.PublisherState(0, 0, 0));
    }

    @Test
    void foreignMessagesAreCounted() {
        DeliveryLedger l = new DeliveryLedger();
        l.foreignMessage();
        assertThat(l.foreignMessages()).isEqualTo(1);
    }

    @Test
    void publishesAreInFlightFromSendingUntilCountedOrFailed() {
        DeliveryLedger l = new DeliveryLedger();
        DeliveryLedger.Receiver r = l.receiver("c1");
        r.expect("t");
        l.publishing(1, "t");
        l.sending(1);
        l.sending(1);
        assertThat(l.inFlight(1)).isEqualTo(2);
        assertThat(l.publishersOf(r)).isEqualTo(new DeliveryLedger.PublisherState(0, 1, 2));
        l.accepted(1, "t", 1);
        assertThat(l.inFlight(1)).isEqualTo(1);
        assertThat(r.expectedTotal()).isEqualTo(1);
        l.notAccepted(1);
        assertThat(l.inFlight(1)).isZero();
        assertThat(r.expectedTotal()).isEqualTo(1);
        assertThatThrownBy(() -> l.notAccepted(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never sent");
        assertThatThrownBy(() -> l.accepted(2, "t", 1)).isInstanceOf(IllegalStateException.class);
    }
}
