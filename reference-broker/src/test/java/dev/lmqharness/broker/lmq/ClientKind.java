package dev.lmqharness.broker.lmq;

/** The two Java client libraries every application-visible rule is checked with. */
enum ClientKind {
    HIVEMQ {
        @Override
        TestMqttClient create(Endpoint endpoint) {
            return new HiveMqTestClient(endpoint);
        }
    },
    PAHO {
        @Override
        TestMqttClient create(Endpoint endpoint) {
            return new PahoTestClient(endpoint);
        }
    };

    abstract TestMqttClient create(Endpoint endpoint);
}
