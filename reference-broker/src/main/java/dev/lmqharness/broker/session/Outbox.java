package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outgoing QoS1/2 flow of one session: a window of in-flight messages, keyed by packet ID, and
 * a cache of pending entries in queue order. The store is the truth; this is its working set.
 *
 * <p>Queue entries reach the outbox two ways: as notifications from routing (the usual path) and
 * by reading the store (at connect, and when the cache overflowed). An entry read from the store
 * may still have its notification on the way; {@code loadedFromStore} remembers such entries
 * for a while so that the late notification is ignored, not delivered twice.
 *
 * <p>LMQ-OFF-2, offline visibility: a message pushed to a subscriber whose connection silently
 * died must reach it at its next connect. The outbox never drops an entry before its
 * acknowledgement: when the connection ends it parks the in-flight entries ({@link #park}), which
 * are then offline messages, and re-sends them with their packet IDs at the next connect
 * ({@link #resendInflight}), however soon that comes. So there is no visibility window to wait
 * for, and the broker has no such setting (an earlier, never-read one was removed).
 *
 * <p>Only the session's own thread calls it.
 */
final class Outbox {

    private static final long LOADED_MEMORY_MILLIS = 30_000;

    /** Told of each send and acknowledgement (message trace, metrics). */
    interface Observer {
        void sent(long messageId);

        void acknowledged(long messageId);
    }

    private final String clientId;
    private final MessageStore store;
    private final Observer observer;
    private final int maxInflight;
    private final int cacheLimit;

    private final TreeMap<Long, Outgoing> pending = new TreeMap<>();
    private final LinkedHashMap<Integer, Outgoing> inflight = new LinkedHashMap<>();
    private final Map<Long, Long> loadedFromStore = new HashMap<>();

    /**
     * QoS0 messages that arrived while QoS1/2 entries were still waiting for the window, each with
     * the last waiting seq it must follow, so one publisher's order holds across QoS levels
     * (LMQ-MSG-2). In memory only: QoS0 is never kept offline.
     */
    private final java.util.ArrayDeque<Qos0> qos0Waiting = new java.util.ArrayDeque<>();
    private static final int QOS0_WAITING_LIMIT = 10_000;

    private record Qos0(long afterSeq, MessageRecord message) {
    }

    private boolean overflowed;
    private int lastPacketId;

    Outbox(String clientId, MessageStore store, int maxInflight, int cacheLimit, Observer observer) {
        this.clientId = clientId;
        this.store = store;
        this.observer = observer;
        this.maxInflight = maxInflight;
        this.cacheLimit = cacheLimit;
    }

    /** A notification from routing. Ignored when offline: the entry waits in the store. */
    void accept(QueueEntry entry, MessageRecord message, boolean online) {
        if (loadedFromStore.remove(entry.seq()) != null || pending.containsKey(entry.seq()) || !online) {
            return;
        }
        if (overflowed || pending.size() >= cacheLimit) {
            overflowed = true;
            return;
        }
        pending.put(entry.seq(), new Outgoing(entry, message));
    }

    /** Reads entries not yet known from the store: at connect, and after an overflow. */
    void loadFromStore() {
        long now = System.currentTimeMillis();
        loadedFromStore.values().removeIf(t -> now - t > LOADED_MEMORY_MILLIS);
        java.util.Set<Long> inflightSeqs = new java.util.HashSet<>();
        for (Outgoing o : inflight.values()) {
            inflightSeqs.add(o.entry().seq());
        }
        long after = 0;
        overflowed = false;
        while (true) {
            List<QueueEntry> page = store.readQueue(clientId, after, 512);
            if (page.isEmpty()) {
                return;
            }
            for (QueueEntry e : page) {
                after = e.seq();
                if (inflightSeqs.contains(e.seq()) || pending.containsKey(e.seq())) {
                    continue;
                }
                if (pending.size() >= cacheLimit) {
                    overflowed = true;
                    return;
                }
                Optional<MessageRecord> m = store.loadMessage(e.messageId());
                if (m.isEmpty()) {
                    store.ack(clientId, e.seq()); // dangling reference: nothing left to deliver
                    continue;
                }
                loadedFromStore.put(e.seq(), now);
                if (e.parked() && !inflight.containsKey(e.packetId())) {
                    // In flight when the client went offline: resume with its packet ID (MQTT-4.4.0-1).
                    QueueEntry resumed = e.sentAs(e.packetId());
                    store.updateEntry(resumed);
                    inflight.put(resumed.packetId(), new Outgoing(resumed, m.get()));
                } else if (e.inFlight()) {
                    inflight.put(e.packetId(), new Outgoing(e, m.get()));
                } else {
                    pending.put(e.seq(), new Outgoing(e, m.get()));
                }
            }
        }
    }

    /** Re-sends everything in flight after a reconnect, with DUP set (MQTT-4.4.0-1). */
    void resendInflight(ClientConnection conn) {
        for (Map.Entry<Integer, Outgoing> f : inflight.entrySet()) {
            QueueEntry e = f.getValue().entry();
            if (e.released()) {
                conn.sendPubRel(f.getKey());
            } else {
                conn.sendPublish(f.getValue().message(), e.qos(), f.getKey(), true);
            }
        }
    }

    /**
     * A QoS0 message for an online client: sent at once unless QoS1/2 entries are waiting, in
     * which case it waits behind them. @return whether it was sent now or queued (false: dropped)
     */
    boolean offerQos0(MessageRecord message, ClientConnection conn) {
        if (pending.isEmpty()) {
            conn.sendPublish(message, 0, 0, false);
            return true;
        }
        if (qos0Waiting.size() >= QOS0_WAITING_LIMIT) {
            return false; // QoS0 is at most once: a client this far behind loses it
        }
        qos0Waiting.add(new Qos0(pending.lastKey(), message));
        return true;
    }

    private void sendWaitingQos0(ClientConnection conn) {
        while (!qos0Waiting.isEmpty() && (pending.isEmpty() || qos0Waiting.peek().afterSeq() < pending.firstKey())) {
            conn.sendPublish(qos0Waiting.poll().message(), 0, 0, false);
        }
    }

    /** Sends pending entries while the window has room. */
    void drain(ClientConnection conn) {
        while (inflight.size() < maxInflight && !pending.isEmpty()) {
            sendWaitingQos0(conn);
            Outgoing o = pending.pollFirstEntry().getValue();
            int packetId = nextPacketId();
            QueueEntry sent = o.entry().sentAs(packetId);
            store.updateEntry(sent);
            inflight.put(packetId, o.withEntry(sent));
            conn.sendPublish(o.message(), sent.qos(), packetId, false);
            observer.sent(o.message().id());
        }
        sendWaitingQos0(conn);
        if (pending.isEmpty() && overflowed) {
            loadFromStore();
            if (!pending.isEmpty()) {
                drain(conn);
            }
        }
    }

    /** PUBACK for a QoS1 delivery. */
    boolean onPubAck(int packetId) {
        Outgoing o = inflight.get(packetId);
        if (o == null || o.entry().qos() != 1) {
            return false;
        }
        inflight.remove(packetId);
        store.ack(clientId, o.entry().seq());
        observer.acknowledged(o.entry().messageId());
        return true;
    }

    /** PUBREC for a QoS2 delivery: the message is released, PUBCOMP is awaited. */
    boolean onPubRec(int packetId) {
        Outgoing o = inflight.get(packetId);
        if (o == null || o.entry().qos() != 2) {
            return false;
        }
        if (!o.entry().released()) {
            QueueEntry released = o.entry().asReleased();
            store.updateEntry(released);
            inflight.put(packetId, o.withEntry(released));
        }
        return true;
    }

    boolean onPubComp(int packetId) {
        Outgoing o = inflight.get(packetId);
        if (o == null || o.entry().qos() != 2) {
            return false;
        }
        inflight.remove(packetId);
        store.ack(clientId, o.entry().seq());
        observer.acknowledged(o.entry().messageId());
        return true;
    }

    /**
     * The session went offline: forget the working set (the store keeps every entry) and park the
     * in-flight entries: offline messages now ({@code OfflinePolicy}), re-sent with their packet IDs later.
     */
    void park() {
        for (Outgoing o : inflight.values()) {
            store.updateEntry(o.entry().asParked());
        }
        pending.clear();
        inflight.clear();
        loadedFromStore.clear();
        qos0Waiting.clear();
        overflowed = false;
    }

    /** After a restart: park what the store still has in flight (the client is offline now). */
    void parkStoredInflight() {
        long after = 0;
        while (true) {
            List<QueueEntry> page = store.readQueue(clientId, after, 512);
            if (page.isEmpty()) {
                return;
            }
            for (QueueEntry e : page) {
                after = e.seq();
                if (e.inFlight()) {
                    store.updateEntry(e.asParked());
                }
            }
        }
    }

    /** Drops entries the store evicted or expired, so they are not sent from the cache. */
    void forget(long seq) {
        pending.remove(seq);
    }

    int inflightCount() {
        return inflight.size();
    }

    int pendingCount() {
        return pending.size();
    }

    private int nextPacketId() {
        for (int i = 0; i < 65535; i++) {
            lastPacketId = lastPacketId % 65535 + 1;
            if (!inflight.containsKey(lastPacketId)) {
                return lastPacketId;
            }
        }
        throw new IllegalStateException("no free packet identifier for " + clientId);
    }
}
