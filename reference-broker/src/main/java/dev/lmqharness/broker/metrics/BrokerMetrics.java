package dev.lmqharness.broker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.function.Supplier;

/** The broker's counters and gauges, exposed in Prometheus format by the admin API. */
public final class BrokerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter connectsAccepted = counter("lmq.connects", "outcome", "accepted");
    private final Counter connectsRefused = counter("lmq.connects", "outcome", "refused");
    private final Counter kicks = counter("lmq.takeovers", null, null);
    private final Counter published = counter("lmq.messages.published", null, null);
    private final Counter delivered = counter("lmq.messages.sent", null, null);
    private final Counter discarded = counter("lmq.messages.discarded", null, null);
    private final Counter evicted = counter("lmq.offline.evicted", null, null);
    private final Counter expired = counter("lmq.offline.expired", null, null);
    // Resource limits (docs/limits.md): what the broker refused or shed to keep its memory bounded.
    private final Counter pendingConnectsRefused = counter("lmq.limits.pending.connects.refused", null, null);
    private final Counter connectTimeouts = counter("lmq.limits.connect.timeouts", null, null);
    private final Counter slowClientDisconnects = counter("lmq.limits.slow.client.disconnects", null, null);
    private final Counter droppedQos0 = counter("lmq.limits.dropped", "reason", DropReason.QOS0.tag);
    private final Counter droppedOldest = counter("lmq.limits.dropped", "reason", DropReason.OLDEST.tag);
    private final Counter droppedSlowClient = counter("lmq.limits.dropped", "reason", DropReason.SLOW_CLIENT.tag);

    /** Why a message was not delivered to one client because of a limit ({@code lmq_limits_dropped_total{reason}}). */
    public enum DropReason {
        /** QoS 0 to a client whose channel is not writable or whose queue is full. */
        QOS0("qos0"),
        /** The oldest waiting QoS 1/2 message of a full clean queue (policy drop-oldest). */
        OLDEST("oldest"),
        /** A QoS 1/2 message for a slow client that is being disconnected (policy disconnect). */
        SLOW_CLIENT("slow_client");

        final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }
    }

    private Counter counter(String name, String tag, String value) {
        Counter.Builder b = Counter.builder(name);
        if (tag != null) {
            b.tag(tag, value);
        }
        return b.register(registry);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void connectAccepted() {
        connectsAccepted.increment();
    }

    public void connectRefused() {
        connectsRefused.increment();
    }

    public void takeover() {
        kicks.increment();
    }

    public void published() {
        published.increment();
    }

    public void sent() {
        delivered.increment();
    }

    public void discarded() {
        discarded.increment();
    }

    public void evicted(long n) {
        evicted.increment(n);
    }

    public void expired(long n) {
        expired.increment(n);
    }

    public void pendingConnectRefused() {
        pendingConnectsRefused.increment();
    }

    public void connectTimedOut() {
        connectTimeouts.increment();
    }

    public void slowClientDisconnected() {
        slowClientDisconnects.increment();
    }

    public void dropped(DropReason reason, long n) {
        switch (reason) {
            case QOS0 -> droppedQos0.increment(n);
            case OLDEST -> droppedOldest.increment(n);
            case SLOW_CLIENT -> droppedSlowClient.increment(n);
        }
    }

    public String scrape() {
        return registry.scrape();
    }
}
