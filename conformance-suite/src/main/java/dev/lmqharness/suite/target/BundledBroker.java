package dev.lmqharness.suite.target;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.Profile;
import dev.lmqharness.broker.config.Transport;

import java.util.EnumMap;
import java.util.Map;

/** The reference broker started in-process on ephemeral loopback ports, one per run. */
final class BundledBroker implements AutoCloseable {
    private final ReferenceBroker broker;
    private final Map<Scheme, Endpoint> endpoints;
    private final String note;

    private BundledBroker(ReferenceBroker broker, Map<Scheme, Endpoint> endpoints, String note) {
        this.broker = broker;
        this.endpoints = endpoints;
        this.note = note;
    }

    static BundledBroker start(TargetProfile profile) {
        Profile p = switch (profile) {
            case MQTT311 -> Profile.MQTT311;
            case LMQ -> Profile.LMQ;
            case LITE -> Profile.LITE;
        };
        ReferenceBroker broker;
        String note = "";
        try {
            broker = ReferenceBroker.builder().tcpPort(0).tlsPort(0).wsPort(0).wssPort(0).inMemory().profile(p).build().start();
        } catch (RuntimeException allListeners) {
            // The TCP listener alone still runs the bulk of the suite; transport tests then skip
            // with this note as their reason.
            note = "bundled broker could not open TLS/WebSocket listeners: " + oneLine(allListeners);
            try {
                broker = ReferenceBroker.builder().tcpPort(0).inMemory().profile(p).build().start();
            } catch (RuntimeException e) {
                throw new TargetUnavailableException("bundled reference broker did not start: " + oneLine(e));
            }
        }
        Map<Scheme, Endpoint> eps = new EnumMap<>(Scheme.class);
        put(eps, broker, Transport.TCP, Scheme.TCP, null);
        put(eps, broker, Transport.TLS, Scheme.SSL, null);
        put(eps, broker, Transport.WS, Scheme.WS, broker.config().listener(Transport.WS).path());
        put(eps, broker, Transport.WSS, Scheme.WSS, broker.config().listener(Transport.WSS).path());
        if (!eps.containsKey(Scheme.TCP)) {
            broker.stop();
            throw new TargetUnavailableException("bundled reference broker started without a TCP listener");
        }
        return new BundledBroker(broker, eps, note);
    }

    private static void put(Map<Scheme, Endpoint> eps, ReferenceBroker b, Transport t, Scheme s, String path) {
        int port = b.port(t);
        if (port > 0) {
            eps.put(s, new Endpoint(s, "127.0.0.1", port, s.websocket() ? (path == null ? "/mqtt" : path) : null));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    Map<Scheme, Endpoint> endpoints() {
        return endpoints;
    }

    String note() {
        return note;
    }

    @Override
    public void close() {
        broker.stop();
    }
}
