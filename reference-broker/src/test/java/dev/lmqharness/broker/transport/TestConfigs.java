package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;

final class TestConfigs {

    private TestConfigs() {
    }

    /** Only the given transports, each on 127.0.0.1 with an ephemeral port; self-signed TLS. */
    static BrokerConfig ephemeral(Transport... transports) {
        BrokerConfig c = BrokerConfig.defaults().withStore(StoreConfig.memory());
        for (Transport t : Transport.values()) {
            c = c.withListener(ListenerConfig.defaults(t).withEnabled(false));
        }
        for (Transport t : transports) {
            c = c.withListener(ListenerConfig.defaults(t).withHost("127.0.0.1").withPort(0));
        }
        return c;
    }
}
