package dev.lmqharness.kit.client;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.wire.ExchangeLog;

import java.time.Duration;

/** Creates the adapter for a {@link ClientKind}. */
public final class AppClients {
    private AppClients() {
    }

    public static AppClient create(ClientKind kind, BrokerAddress ep, String clientId, ExchangeLog log, String label, Duration timeout) {
        return switch (kind) {
            case HIVEMQ -> new HiveMqAppClient(ep, clientId, log, label, timeout);
            case PAHO -> new PahoAppClient(ep, clientId, log, label, timeout);
        };
    }
}
