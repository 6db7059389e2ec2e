package dev.lmqharness.broker.limits;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits' pure rule logic, without sockets. */
@DisplayName("Limit rules")
class LimitRulesTest {

    @Test
    @DisplayName("PendingConnects: at most max slots; a release frees one")
    void pendingConnects() {
        PendingConnects p = new PendingConnects(2);
        assertThat(p.tryAcquire()).isTrue();
        assertThat(p.tryAcquire()).isTrue();
        assertThat(p.tryAcquire()).isFalse();
        assertThat(p.pending()).isEqualTo(2);
        p.release();
        assertThat(p.tryAcquire()).isTrue();
    }

    @Test
    @DisplayName("InflightWindow: bounded in messages and bytes; an empty window always takes one message")
    void inflightWindow() {
        InflightWindow w = new InflightWindow(3, 100);
        assertThat(w.hasRoom(0, 0, 1_000)).as("a message larger than the byte bound still goes out alone").isTrue();
        assertThat(w.hasRoom(1, 50, 50)).isTrue();
        assertThat(w.hasRoom(1, 50, 51)).isFalse();
        assertThat(w.hasRoom(3, 3, 1)).isFalse();
    }

    @Test
    @DisplayName("QueueBudget: per-client messages and bytes")
    void queueBudgetPerClient() {
        QueueBudget b = new QueueBudget(2, 100, new TotalQueueBytes(1_000));
        b.add(40);
        assertThat(b.fits(60)).isTrue();
        assertThat(b.fits(61)).isFalse();
        b.add(40);
        assertThat(b.exceeded()).isFalse();
        assertThat(b.fits(1)).as("message bound").isFalse();
        b.add(1);
        assertThat(b.exceeded()).isTrue();
        b.remove(1);
        assertThat(b.exceeded()).isFalse();
    }

    @Test
    @DisplayName("QueueBudget: an exhausted total affects only clients that hold waiting messages, and clear gives back")
    void queueBudgetTotal() {
        TotalQueueBytes total = new TotalQueueBytes(100);
        QueueBudget slow = new QueueBudget(1_000, 1_000, total);
        QueueBudget fast = new QueueBudget(1_000, 1_000, total);
        slow.add(150);
        assertThat(slow.exceeded()).isTrue();
        assertThat(fast.exceeded()).as("nothing waiting: not over").isFalse();
        assertThat(fast.fits(1)).as("but a QoS 0 would not be queued").isFalse();
        slow.clear();
        assertThat(total.used()).isZero();
        assertThat(fast.fits(100)).isTrue();
    }
}
