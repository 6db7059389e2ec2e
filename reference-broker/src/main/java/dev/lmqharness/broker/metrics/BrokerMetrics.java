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

    public String scrape() {
        return registry.scrape();
    }
}
