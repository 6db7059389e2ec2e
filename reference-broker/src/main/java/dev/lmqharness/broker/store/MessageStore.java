package dev.lmqharness.broker.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions, per-recipient queues and retained messages.
 *
 * <p>Contract (every implementation passes {@code MessageStoreContract} in the tests):
 * <ul>
 *   <li>A payload is stored once and referenced by each recipient's {@link QueueEntry};
 *       it is deleted when its last reference is acknowledged, evicted or expired.</li>
 *   <li>When {@link #enqueue} returns, the message and every entry are durable (for a durable
 *       implementation): a process kill after that loses nothing.</li>
 *   <li>Queue reads return a recipient's entries in {@code seq} order, oldest first.</li>
 *   <li>Nothing is removed from a queue except by {@link #ack}, {@link #deleteSession},
 *       {@link #evictOldest} or {@link #expireBefore}; the last two never touch an entry in flight.</li>
 *   <li>Calls for one client ID come from one thread at a time (the session's owner), but calls for
 *       different clients come concurrently: implementations must not need a global lock.</li>
 * </ul>
 */
public interface MessageStore extends AutoCloseable {

    // ---- sessions -------------------------------------------------------------------------

    void saveSession(SessionRecord session);

    Optional<SessionRecord> loadSession(String clientId);

    /** All persistent sessions, for start-up. */
    List<SessionRecord> loadSessions();

    /** Removes the session and every queue entry of it (releasing payload references). */
    void deleteSession(String clientId);

    // ---- queues ---------------------------------------------------------------------------

    /**
     * Stores the message once and appends one entry per recipient, atomically. Each message ID is
     * enqueued once, with all its recipients.
     *
     * @return the new entries, in the order of {@code recipients}
     * @throws IllegalArgumentException if a message with this ID is still stored
     */
    List<QueueEntry> enqueue(MessageRecord message, List<Recipient> recipients);

    /** Up to {@code max} entries of the client with {@code seq > afterSeq}, oldest first. */
    List<QueueEntry> readQueue(String clientId, long afterSeq, int max);

    Optional<MessageRecord> loadMessage(long messageId);

    /** Records that the entry was sent (packet ID) or, for QoS2, released (PUBREL sent). */
    void updateEntry(QueueEntry entry);

    /** The recipient acknowledged the entry (PUBACK or PUBCOMP): remove it. */
    void ack(String clientId, long seq);

    /** Number of entries in all queues. */
    long queuedCount();

    /** Number of entries in one client's queue. */
    long queuedCount(String clientId);

    /**
     * Removes the {@code count} oldest entries (by message ID, then client ID) that are not in flight.
     *
     * @return the removed entries
     */
    List<QueueEntry> evictOldest(long count);

    /**
     * Removes every entry not in flight whose message was accepted strictly before
     * {@code timestampMillis}; a message accepted at exactly that millisecond stays. For {@code OfflinePolicy}
     * the broker passes {@code OfflinePolicy.expireBeforeMillis()}, which makes a message expired
     * from the instant it is exactly 3 days old.
     *
     * @return the removed entries
     */
    List<QueueEntry> expireBefore(long timestampMillis);

    /** The largest message ID ever stored or reserved (0 if none), so IDs stay unique across restarts. */
    long maxMessageId();

    /**
     * Records that message IDs up to {@code upTo} may be in use (messages that were never queued
     * still use an ID), so {@link #maxMessageId()} covers them after a restart or a kill.
     */
    void reserveMessageIds(long upTo);

    // ---- retained messages ----------------------------------------------------------------

    void putRetained(MessageRecord message);

    void removeRetained(String topic);

    /** Topic to retained message. */
    Map<String, MessageRecord> loadRetained();

    @Override
    void close();
}
