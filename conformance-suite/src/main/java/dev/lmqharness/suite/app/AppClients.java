package dev.lmqharness.suite.app;

import dev.lmqharness.suite.target.Endpoint;
import dev.lmqharness.suite.wire.ExchangeLog;

import java.time.Duration;

/** Creates the adapter for a {@link ClientKind}. */
public final class AppClients {
    private AppClients() {
    }

    public static AppClient create(ClientKind kind, Endpoint ep, String clientId, ExchangeLog log, String label, Duration timeout) {
        return switch (kind) {
            case HIVEMQ -> new HiveMqAppClient(ep, clientId, log, label, timeout);
            case PAHO -> new PahoAppClient(ep, clientId, log, label, timeout);
        };
    }
}
