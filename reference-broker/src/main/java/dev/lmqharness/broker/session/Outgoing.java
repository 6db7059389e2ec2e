package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.QueueEntry;

/** A queue entry with its message, ready to be sent. */
record Outgoing(QueueEntry entry, MessageRecord message) {

    Outgoing withEntry(QueueEntry e) {
        return new Outgoing(e, message);
    }
}
