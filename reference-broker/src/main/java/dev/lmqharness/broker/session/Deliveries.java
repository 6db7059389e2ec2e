package dev.lmqharness.broker.session;

import dev.lmqharness.broker.limits.OverflowPolicy;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.metrics.BrokerMetrics.DropReason;
import dev.lmqharness.broker.routing.RecipientDirectory;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Outbound delivery: what routing hands to a recipient's session (called on the publisher's loop,
 * continued on the recipient's) and the recipient's acknowledgements (on its own loop), over the
 * session's {@link Outbox}.
 *
 * <p>A cleanSession=1 client whose queue outgrows its budget (it does not read, or not fast enough)
 * gets the configured {@link OverflowPolicy}; only that client is affected: the publisher is
 * acknowledged as usual and other recipients are served from their own queues.
 */
final class Deliveries implements RecipientDirectory {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final SessionLoops loops;
    private final Sessions sessions;
    private final OfflineQueue offline;
    private final MessageTracer tracer;
    private final BrokerMetrics metrics;
    private final OverflowPolicy overflow;

    Deliveries(SessionLoops loops, Sessions sessions, OfflineQueue offline, MessageTracer tracer,
               BrokerMetrics metrics, OverflowPolicy overflow) {
        this.overflow = overflow;
        this.loops = loops;
        this.sessions = sessions;
        this.offline = offline;
        this.tracer = tracer;
        this.metrics = metrics;
    }

    @Override
    public MessageStore queueFor(String clientId, int subscriptionQos, boolean p2p, MessageRecord message) {
        Session s = sessions.get(clientId);
        if (s == null || (s.connection == null && !offline.keepsFor(s, subscriptionQos, p2p))) {
            tracer.delivery(message.id(), clientId, DeliveryOutcome.DROPPED_OFFLINE);
            return null;
        }
        tracer.delivery(message.id(), clientId, DeliveryOutcome.QUEUED);
        return s.store;
    }

    @Override
    public void notifyQueued(MessageStore queuedIn, QueueEntry entry, MessageRecord message) {
        loops.execute(entry.clientId(), () -> {
            Session s = sessions.get(entry.clientId());
            if (s == null || s.store != queuedIn) {
                // The session ended or changed kind while the message was routed: drop the orphan.
                queuedIn.ack(entry.clientId(), entry.seq());
                return;
            }
            ClientConnection conn = s.connection;
            if (conn == null && !offline.keepsFor(s, entry.qos(), false)) {
                // Routed while the client was still online, arrived after it left: not an offline
                // message of its cell, so it is dropped like one routed a moment later.
                queuedIn.ack(entry.clientId(), entry.seq());
                tracer.delivery(message.id(), entry.clientId(), DeliveryOutcome.DROPPED_OFFLINE);
                return;
            }
            if (conn != null && s.outbox.shedding()) {
                queuedIn.ack(entry.clientId(), entry.seq()); // its client is being closed as too slow
                metrics.dropped(DropReason.SLOW_CLIENT, 1);
                tracer.delivery(message.id(), entry.clientId(), DeliveryOutcome.DROPPED_LIMIT);
                return;
            }
            s.outbox.accept(entry, message, conn != null);
            if (conn != null) {
                s.outbox.drain(conn);
                enforceQueueBound(s, conn);
            }
        });
    }

    /** After the drain, what still waits must fit the clean session's budget; else the policy applies. */
    private void enforceQueueBound(Session s, ClientConnection conn) {
        if (!s.outbox.overBudget()) {
            return;
        }
        if (overflow == OverflowPolicy.DROP_OLDEST) {
            List<Long> dropped = s.outbox.dropOldestWhileOver();
            metrics.dropped(DropReason.OLDEST, dropped.size());
            dropped.forEach(id -> tracer.delivery(id, s.clientId, DeliveryOutcome.DROPPED_LIMIT));
            return;
        }
        log.info("closing slow client {} (channel {}): {} messages, {} bytes waiting", s.clientId, conn.channelId(),
                s.outbox.waitingMessages(), s.outbox.waitingBytes());
        s.outbox.startShedding();
        metrics.slowClientDisconnected();
        conn.close(); // reported back as a connection loss (tcpclean); the clean session ends with it
    }

    /** The connection's outbound buffer drained ({@link SessionManager#onWritable}). */
    void resume(ClientConnection conn, String clientId) {
        Session s = sessions.current(conn, clientId);
        if (s != null) {
            s.outbox.drain(conn);
        }
    }

    @Override
    public void deliverQos0(String clientId, MessageRecord message) {
        loops.execute(clientId, () -> {
            Session s = sessions.get(clientId);
            ClientConnection conn = s == null ? null : s.connection;
            if (conn != null && s.outbox.offerQos0(message, conn)) {
                metrics.sent();
                tracer.delivery(message.id(), clientId, DeliveryOutcome.PUSHED);
            } else if (conn != null) {
                metrics.dropped(DropReason.QOS0, 1); // at most once: a client that does not keep up loses it
                tracer.delivery(message.id(), clientId, DeliveryOutcome.DROPPED_LIMIT);
            } else {
                tracer.delivery(message.id(), clientId, DeliveryOutcome.DROPPED_OFFLINE);
            }
        });
    }

    // The acknowledgements below run on the recipient's loop.

    void onPubAck(ClientConnection conn, String clientId, int packetId) {
        Session s = sessions.current(conn, clientId);
        if (s != null && s.outbox.onPubAck(packetId)) {
            s.outbox.drain(conn);
        }
    }

    void onPubRec(ClientConnection conn, String clientId, int packetId) {
        Session s = sessions.current(conn, clientId);
        if (s != null && s.outbox.onPubRec(packetId)) {
            conn.sendPubRel(packetId);
        }
    }

    void onPubComp(ClientConnection conn, String clientId, int packetId) {
        Session s = sessions.current(conn, clientId);
        if (s != null && s.outbox.onPubComp(packetId)) {
            s.outbox.drain(conn);
        }
    }
}
