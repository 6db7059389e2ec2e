package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LMQ-CID-4 (and MQTT-3.1.4-2): one live connection per Client ID; when a second connection
 * arrives with a connected Client ID, the older one is kicked and the newer proceeds.
 *
 * <p>Generic in the connection type so it knows nothing of Netty. Thread-safe: two CONNECTs racing
 * for one Client ID both register, and each older one is handed back exactly once. Removal is
 * conditional, so an old connection closing late cannot unregister its successor.
 *
 * @param <C> the connection handle (compared by {@code equals})
 */
public final class LiveConnections<C> {

    public static final String RULE = "LMQ-CID-4";

    private final ConcurrentHashMap<String, C> live = new ConcurrentHashMap<>();

    /** Registers the new connection; @return the older connection to disconnect, if any */
    public Optional<C> register(String clientId, C connection) {
        Objects.requireNonNull(connection, "connection");
        C older = live.put(clientId, connection);
        return older == null || older.equals(connection) ? Optional.empty() : Optional.of(older);
    }

    /** Unregisters only if {@code connection} is still the live one. @return whether it was */
    public boolean unregister(String clientId, C connection) {
        return live.remove(clientId, connection);
    }

    public Optional<C> current(String clientId) {
        return Optional.ofNullable(live.get(clientId));
    }

    public boolean isConnected(String clientId) {
        return live.containsKey(clientId);
    }

    public int size() {
        return live.size();
    }
}
