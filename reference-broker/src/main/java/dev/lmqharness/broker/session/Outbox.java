package dev.lmqharness.broker.session;

import dev.lmqharness.broker.limits.InflightWindow;
import dev.lmqharness.broker.limits.QueueBudget;
import dev.lmqharness.broker.limits.TotalQueueBytes;
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
 * <p>Memory bounds (docs/limits.md): the in-flight window is bounded in messages and bytes
 * ({@link InflightWindow}), nothing is written while the channel is not writable, and what waits
 * is counted in a {@link QueueBudget}: for a cleanSession=1 session every waiting message, for a
 * persistent one only the waiting QoS0 messages (its QoS1/2 entries are bounded by the store's cap).
 * A full budget drops QoS0 here; for QoS1/2 of a clean session {@link Deliveries} applies the
 * configured {@code OverflowPolicy}.
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
    private final InflightWindow window;
    private final int cacheLimit;
    private final QueueBudget budget;
    /** cleanSession=1: the QoS1/2 entries waiting count in the budget too. */
    private final boolean budgetsQueued;

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
    private long inflightBytes;
    /** The client is being disconnected as too slow: what still arrives for it is dropped. */
    private boolean shedding;

    /** A window of {@code maxInflight} messages, unbounded bytes, a budget only for waiting QoS0 (unit tests). */
    Outbox(String clientId, MessageStore store, int maxInflight, int cacheLimit, Observer observer) {
        this(clientId, store, new InflightWindow(maxInflight, Long.MAX_VALUE), cacheLimit,
                new QueueBudget(QOS0_WAITING_LIMIT, Long.MAX_VALUE, new TotalQueueBytes(Long.MAX_VALUE)), false, observer);
    }

    /**
     * @param budgetsQueued true for a cleanSession=1 session: its waiting QoS1/2 entries count in
     *                      {@code budget}, whose bound then also keeps the cache from overflowing
     */
    Outbox(String clientId, MessageStore store, InflightWindow window, int cacheLimit, QueueBudget budget,
           boolean budgetsQueued, Observer observer) {
        this.clientId = clientId;
        this.store = store;
        this.observer = observer;
        this.window = window;
        this.cacheLimit = cacheLimit;
        this.budget = budget;
        this.budgetsQueued = budgetsQueued;
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
        putPending(new Outgoing(entry, message));
    }

    private void putPending(Outgoing o) {
        pending.put(o.entry().seq(), o);
        if (budgetsQueued) {
            budget.add(o.bytes());
        }
    }

    private Outgoing pollPending() {
        Outgoing o = pending.pollFirstEntry().getValue();
        if (budgetsQueued) {
            budget.remove(o.bytes());
        }
        return o;
    }

    private void putInflight(int packetId, Outgoing o) {
        Outgoing before = inflight.put(packetId, o);
        inflightBytes += o.bytes() - (before == null ? 0 : before.bytes());
    }

    private Outgoing removeInflight(int packetId) {
        Outgoing o = inflight.remove(packetId);
        if (o != null) {
            inflightBytes -= o.bytes();
        }
        return o;
    }

    /** Whether what waits breaks the budget; only a clean session's QoS1/2 entries can make it so. */
    boolean overBudget() {
        return budgetsQueued && budget.exceeded();
    }

    /**
     * Drops the oldest waiting entries (never one in flight) until the budget holds again
     * ({@code OverflowPolicy#DROP_OLDEST}). @return the message IDs dropped
     */
    List<Long> dropOldestWhileOver() {
        List<Long> dropped = new java.util.ArrayList<>();
        while (overBudget() && !pending.isEmpty()) {
            Outgoing o = pollPending();
            store.ack(clientId, o.entry().seq());
            dropped.add(o.message().id());
        }
        return dropped;
    }

    /** The client is closed as too slow ({@code OverflowPolicy#DISCONNECT}); until it is gone, nothing more queues. */
    void startShedding() {
        shedding = true;
    }

    boolean shedding() {
        return shedding;
    }

    void clearBudget() {
        budget.clear();
    }

    int waitingMessages() {
        return budget.messages();
    }

    long waitingBytes() {
        return budget.bytes();
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
                    putInflight(resumed.packetId(), new Outgoing(resumed, m.get()));
                } else if (e.inFlight()) {
                    putInflight(e.packetId(), new Outgoing(e, m.get()));
                } else {
                    putPending(new Outgoing(e, m.get()));
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
        if (pending.isEmpty() && qos0Waiting.isEmpty()) {
            if (!conn.writable()) {
                return false; // QoS0 is at most once: a channel that does not drain loses it
            }
            conn.sendPublish(message, 0, 0, false);
            return true;
        }
        long bytes = Outgoing.bytesOf(message);
        if (qos0Waiting.size() >= QOS0_WAITING_LIMIT || !budget.fits(bytes)) {
            return false; // QoS0 is at most once: a client this far behind loses it
        }
        qos0Waiting.add(new Qos0(pending.isEmpty() ? 0 : pending.lastKey(), message));
        budget.add(bytes);
        return true;
    }

    private void sendWaitingQos0(ClientConnection conn) {
        while (!qos0Waiting.isEmpty() && conn.writable()
                && (pending.isEmpty() || qos0Waiting.peek().afterSeq() < pending.firstKey())) {
            MessageRecord m = qos0Waiting.poll().message();
            budget.remove(Outgoing.bytesOf(m));
            conn.sendPublish(m, 0, 0, false);
        }
    }

    /**
     * Sends pending entries while the window has room and the channel is writable; a channel that
     * stops draining is not written to (its reads go on), and {@link Deliveries#resume} calls this
     * again when it is writable.
     */
    void drain(ClientConnection conn) {
        while (!pending.isEmpty() && conn.writable()
                && window.hasRoom(inflight.size(), inflightBytes, pending.firstEntry().getValue().bytes())) {
            sendWaitingQos0(conn);
            if (!conn.writable()) {
                break;
            }
            Outgoing o = pollPending();
            int packetId = nextPacketId();
            QueueEntry sent = o.entry().sentAs(packetId);
            store.updateEntry(sent);
            putInflight(packetId, o.withEntry(sent));
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
        removeInflight(packetId);
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
            putInflight(packetId, o.withEntry(released));
        }
        return true;
    }

    boolean onPubComp(int packetId) {
        Outgoing o = inflight.get(packetId);
        if (o == null || o.entry().qos() != 2) {
            return false;
        }
        removeInflight(packetId);
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
        inflightBytes = 0;
        loadedFromStore.clear();
        qos0Waiting.clear();
        budget.clear();
        overflowed = false;
        shedding = false;
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
        Outgoing o = pending.remove(seq);
        if (o != null && budgetsQueued) {
            budget.remove(o.bytes());
        }
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
