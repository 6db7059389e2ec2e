package dev.lmqharness.broker.routing;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;

/** What routing needs to know of the sessions it delivers to. */
public interface RecipientDirectory {

    /** The queue store of the client's session (durable or in memory), or null when it has no session. */
    MessageStore queueOf(String clientId);

    /** Tells the recipient's session, on its own thread, that an entry was queued for it in {@code store}. */
    void notifyQueued(MessageStore store, QueueEntry entry, MessageRecord message);

    /** Hands a QoS0 message to the recipient's session, on its own thread; nothing is stored. */
    void deliverQos0(String clientId, MessageRecord message);
}
