package dev.lmqharness.broker;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.Transport;

import java.util.Map;

/** A running broker: store, sessions, routing and listeners wired together. */
final class BrokerServer {

    static BrokerServer start(BrokerConfig config) {
        throw new UnsupportedOperationException("wired in the next commit");
    }

    Map<Transport, Integer> boundPorts() {
        return Map.of();
    }

    void stop() {
    }
}
