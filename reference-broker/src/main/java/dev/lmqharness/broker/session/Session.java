package dev.lmqharness.broker.session;

import dev.lmqharness.broker.auth.Permissions;
import dev.lmqharness.broker.rules.SubscriptionQuota;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.SessionRecord;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one client ID. Only the client's session loop reads or writes it; the fields are
 * package-private for the flows of {@link SessionManager}, which run there.
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
    /** {@link SubscriptionQuota} slots; null in the plain profile. */
    final SubscriptionQuota quota;
    volatile ClientConnection connection;
    WillMessage will;
    /** What the current connection may do ({@code TokenAuthenticator}) and the tokens it rests on. */
    Permissions permissions = Permissions.all();
    List<String> tokens = List.of();
    /** The AccessKey the current connection authenticated with; null when anonymous ({@code StatusReaders}). */
    String accessKey;

    Session(String clientId, boolean persistent, MessageStore store, SubscriptionQuota quota, Outbox outbox) {
        this.clientId = clientId;
        this.persistent = persistent;
        this.store = store;
        this.quota = quota;
        this.outbox = outbox;
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
