package dev.lmqharness.broker.admin;

/**
 * {@code GET /metrics}: the broker's Micrometer meters in the Prometheus text format, at the root
 * path where Prometheus scrapes by default (not under {@code /api/v1}).
 */
final class MetricsResource {

    static final String PATH = "/metrics";

    private final BrokerAdmin broker;

    MetricsResource(BrokerAdmin broker) {
        this.broker = broker;
    }

    void register(Routes routes) {
        routes.get(PATH, r -> Reply.text(Reply.PROMETHEUS_TEXT, broker.scrapeMetrics()));
    }
}
