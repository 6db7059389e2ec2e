package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.QueueEntry;

/** A queue entry with its message, ready to be sent. */
record Outgoing(QueueEntry entry, MessageRecord message) {

    Outgoing withEntry(QueueEntry e) {
        return new Outgoing(e, message);
    }

    long bytes() {
        return bytesOf(message);
    }

    /** What a message costs while it waits: its payload and topic (the limits' unit, docs/limits.md). */
    static long bytesOf(MessageRecord m) {
        return (long) m.payload().length + m.topic().length();
    }
}
