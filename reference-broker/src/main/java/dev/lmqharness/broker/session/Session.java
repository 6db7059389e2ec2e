package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.SessionRecord;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of one client ID. Only the client's session loop reads or writes it; the fields are
 * package-private for {@link SessionManager}, which runs there.
 */
public final class Session {

    final String clientId;
    /** cleanSession=0: survives disconnects, queued messages kept in the durable store. */
    final boolean persistent;
    final MessageStore store;
    final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    final Outbox outbox;
    /** Packet IDs of inbound QoS2 messages routed but not yet released (PUBREL). */
    final Set<Integer> awaitingRelease = new HashSet<>();
    volatile ClientConnection connection;
    WillMessage will;

    Session(String clientId, boolean persistent, MessageStore store, int maxInflight, int cacheLimit) {
        this.clientId = clientId;
        this.persistent = persistent;
        this.store = store;
        this.outbox = new Outbox(clientId, store, maxInflight, cacheLimit);
    }

    public String clientId() {
        return clientId;
    }

    public boolean persistent() {
        return persistent;
    }

    /** Thread-safe enough for monitoring: a stale answer is harmless. */
    public boolean online() {
        return connection != null;
    }

    SessionRecord toRecord() {
        return new SessionRecord(clientId, subscriptions);
    }
}
