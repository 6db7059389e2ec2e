package dev.lmqharness.broker.lmq;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;


/** Every message a test client received, in arrival order. Thread-safe. */
final class Inbox {

    static final Duration DELIVERY = Duration.ofSeconds(10);

    private final List<Received> all = new CopyOnWriteArrayList<>();

    void add(Received r) {
        all.add(r);
    }

    List<Received> all() {
        return List.copyOf(all);
    }

    List<Received> on(String topic) {
        return all.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    List<String> texts(String topic) {
        return on(topic).stream().map(Received::text).toList();
    }

    /** Waits (bounded) until at least {@code n} messages arrived on the topic, and returns them. */
    List<Received> await(String topic, int n) {
        Waits.atMost(DELIVERY).until(() -> on(topic).size() >= n);
        return on(topic);
    }

    Received awaitOne(String topic) {
        return await(topic, 1).get(0);
    }
}
