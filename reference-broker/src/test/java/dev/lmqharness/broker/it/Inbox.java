package dev.lmqharness.broker.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Messages a test client received, taken in arrival order with bounded waits. */
final class Inbox {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();

    void add(Received r) {
        queue.add(r);
    }

    /** The next message; fails after {@link #WAIT}. */
    Received next() {
        try {
            Received r = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                fail("no message within " + WAIT);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Received> next(int n) {
        List<Received> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /**
     * Takes messages until one on {@code markerTopic} arrives and returns those before it. Used to
     * show that something did not arrive without a fixed wait: the marker is published after the
     * messages in question by the same publisher at QoS 1, and the broker keeps order per publisher
     * across topics (LMQ-MSG-2; MQTT-4.6.0-5 promises it per topic and QoS). Use QoS 0/1 only for
     * the messages in question: clients may hand QoS 2 messages over later (on PUBREL).
     */
    List<Received> before(String markerTopic) {
        List<Received> out = new ArrayList<>();
        while (true) {
            Received r = next();
            if (r.topic().equals(markerTopic)) {
                return out;
            }
            out.add(r);
        }
    }

    /** Waits up to {@code wait} for a message matching {@code p}; returns null if none came. */
    Received poll(Duration wait, Predicate<Received> p) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                Received r = queue.poll(left, TimeUnit.NANOSECONDS);
                if (r != null && p.test(r)) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that nothing more arrives during {@code quiet}. */
    void assertQuietFor(Duration quiet) {
        Received r = poll(quiet, x -> true);
        assertThat(r).as("unexpected message").isNull();
    }

    List<Received> drain() {
        List<Received> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }
}
