package dev.lmqharness.broker.cli;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.transport.ListenerAddresses;

import java.util.Locale;
import java.util.Map;

/**
 * The one start-up line, e.g.
 * {@code LMQ reference broker started: profile=mqtt311 tcp=0.0.0.0:1883 ws=0.0.0.0:8083/mqtt store=rocksdb(data)}.
 */
final class StartupSummary {

    private StartupSummary() {
    }

    static String line(BrokerConfig config, Map<Transport, Integer> boundPorts, int adminPort) {
        StringBuilder s = new StringBuilder("LMQ reference broker started: profile=")
                .append(config.profile().name().toLowerCase(Locale.ROOT));
        for (Transport t : Transport.values()) {
            ListenerConfig l = config.listener(t);
            if (!l.enabled()) {
                continue;
            }
            Integer bound = boundPorts.get(t);
            s.append(' ').append(t.name().toLowerCase(Locale.ROOT)).append('=')
                    .append(ListenerAddresses.hostPort(l.host(), bound == null ? l.port() : bound));
            if (t.websocket()) {
                s.append(l.path() == null ? ListenerConfig.DEFAULT_WS_PATH : l.path());
            }
            if (bound == null) {
                s.append("(not-bound)"); // enabled in the config, but the broker reports no port for it
            }
        }
        if (adminPort >= 0) {
            s.append(" admin=").append(ListenerAddresses.hostPort(config.admin().host(), adminPort))
                    .append(config.admin().testMode() ? "(test-mode)" : "");
        }
        return s.append(" store=").append(store(config.store())).toString();
    }

    private static String store(StoreConfig store) {
        if (store.type() == StoreConfig.Type.MEMORY) {
            return "memory";
        }
        return "rocksdb(" + store.path() + (store.fsync() ? ", fsync" : "") + ")";
    }
}
