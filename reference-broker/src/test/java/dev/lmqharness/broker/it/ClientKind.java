package dev.lmqharness.broker.it;

/** The two client libraries every application-visible behaviour is checked with. */
enum ClientKind {
    HIVEMQ, PAHO;

    TestClient create(Endpoint endpoint, String clientId) {
        return switch (this) {
            case HIVEMQ -> new HiveMqTestClient(endpoint, clientId);
            case PAHO -> new PahoTestClient(endpoint, clientId);
        };
    }
}
