package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.Transport;

import javax.net.ssl.TrustManagerFactory;

/**
 * Where a test client connects: transport, port and, for TLS, whom to trust. A null trust
 * manager factory on a secure transport means "trust any certificate" (the development
 * self-signed certificate is not known in advance).
 */
record Endpoint(Transport transport, String host, int port, String wsPath, TrustManagerFactory trust) {

    static Endpoint tcp(int port) {
        return new Endpoint(Transport.TCP, "127.0.0.1", port, null, null);
    }

    static Endpoint of(ReferenceBroker broker, Transport t) {
        int port = broker.port(t);
        if (port <= 0) {
            throw new IllegalStateException(t + " listener is not bound");
        }
        return new Endpoint(t, "127.0.0.1", port, t.websocket() ? "/mqtt" : null, null);
    }

    Endpoint trusting(TrustManagerFactory tmf) {
        return new Endpoint(transport, host, port, wsPath, tmf);
    }

    /** The Paho URI of this endpoint. */
    String uri() {
        return switch (transport) {
            case TCP -> "tcp://" + host + ":" + port;
            case TLS -> "ssl://" + host + ":" + port;
            case WS -> "ws://" + host + ":" + port + wsPath;
            case WSS -> "wss://" + host + ":" + port + wsPath;
        };
    }
}
