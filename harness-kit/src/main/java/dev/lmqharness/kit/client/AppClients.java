package dev.lmqharness.kit.client;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.wire.ExchangeLog;

import javax.net.ssl.TrustManagerFactory;
import java.time.Duration;

/** Creates the adapter for a {@link ClientKind}. */
public final class AppClients {
    private AppClients() {
    }

    /** Over TLS the client trusts any certificate (test targets often have a self-signed one). */
    public static AppClient create(ClientKind kind, BrokerAddress ep, String clientId, ExchangeLog log, String label, Duration timeout) {
        return create(kind, ep, clientId, log, label, timeout, null);
    }

    /**
     * Over TLS the client trusts exactly what {@code trust} trusts and checks the host name against
     * the certificate, as an application would; {@code null} trusts any certificate, unchecked.
     */
    public static AppClient create(ClientKind kind, BrokerAddress ep, String clientId, ExchangeLog log, String label, Duration timeout,
                                   TrustManagerFactory trust) {
        return switch (kind) {
            case HIVEMQ -> new HiveMqAppClient(ep, clientId, log, label, timeout, trust);
            case PAHO -> new PahoAppClient(ep, clientId, log, label, timeout, trust);
        };
    }
}
