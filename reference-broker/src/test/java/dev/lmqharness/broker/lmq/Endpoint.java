package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.config.Transport;

import java.security.cert.X509Certificate;

/**
 * Where a test client connects: one listener of the broker under test.
 *
 * @param trusted the broker's certificate, trusted by TLS/WSS clients; null for TCP/WS
 */
record Endpoint(Transport transport, int port, X509Certificate trusted) {

    String pahoUri() {
        return switch (transport) {
            case TCP -> "tcp://127.0.0.1:" + port;
            case TLS -> "ssl://127.0.0.1:" + port;
            case WS -> "ws://127.0.0.1:" + port + "/mqtt";
            case WSS -> "wss://127.0.0.1:" + port + "/mqtt";
        };
    }
}
