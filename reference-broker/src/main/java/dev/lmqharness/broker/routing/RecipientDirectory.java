package dev.lmqharness.broker.routing;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;

/** What routing needs to know of the sessions it delivers to. */
public interface RecipientDirectory {

    /**
     * Where a QoS1/2 message for this client is queued: its session's store, or null when it is
     * not kept (no session, or offline with a session that keeps no offline messages for this
     * subscription QoS).
     *
     * @param subscriptionQos the granted QoS of the matching subscription (for P2P: the message's QoS)
     */
    MessageStore queueFor(String clientId, int subscriptionQos, boolean p2p, MessageRecord message);

    /** Tells the recipient's session, on its own thread, that an entry was queued for it in {@code store}. */
    void notifyQueued(MessageStore store, QueueEntry entry, MessageRecord message);

    /** Hands a QoS0 message to the recipient's session, on its own thread; nothing is stored. */
    void deliverQos0(String clientId, MessageRecord message);
}
