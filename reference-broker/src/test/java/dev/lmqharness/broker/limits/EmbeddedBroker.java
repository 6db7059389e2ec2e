package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.BrokerConfigValidator;
import dev.lmqharness.broker.config.ConfigLoader;
import dev.lmqharness.broker.config.Transport;

/**
 * Starts the limits tests' in-process broker from a YAML snippet, the way an operator configures
 * one, over the embedded defaults (TCP on an ephemeral loopback port, in-memory store, admin API on
 * an ephemeral port for the metrics).
 */
final class EmbeddedBroker {

    private EmbeddedBroker() {
    }

    static ReferenceBroker fromYaml(String yaml) {
        BrokerConfig base = ReferenceBroker.builder().adminPort(0).build().config();
        BrokerConfig config = BrokerConfigValidator.validate(ConfigLoader.parse(yaml, base));
        return ReferenceBroker.builder().config(config).build().start();
    }

    static int tcpPort(ReferenceBroker broker) {
        return broker.port(Transport.TCP);
    }

    /** The value of one metric line of the Prometheus exposition ({@code name{labels} value}); 0 when absent. */
    static double metric(ReferenceBroker broker, String nameWithLabels) {
        String text = broker.admin().orElseThrow().scrapeMetrics();
        for (String line : text.split("\n")) {
            if (line.startsWith(nameWithLabels + " ")) {
                return Double.parseDouble(line.substring(nameWithLabels.length() + 1).trim());
            }
        }
        return 0;
    }
}
