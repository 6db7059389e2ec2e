package dev.lmqharness.broker.limits;

/**
 * The bound of one clean session's queue: messages waiting for the in-flight window (or for a
 * channel that is not writable), counted in messages and bytes, plus its share of the
 * {@link TotalQueueBytes} of all clean sessions. Only the session's own loop uses it.
 *
 * <p>The total is a shared pool, so when it is exhausted only a client that actually holds waiting
 * messages is over its budget: a client that keeps up (nothing waiting) is never touched by others.
 */
public final class QueueBudget {

    private final int maxMessages;
    private final long maxBytes;
    private final TotalQueueBytes total;
    private int messages;
    private long bytes;

    public QueueBudget(int maxMessages, long maxBytes, TotalQueueBytes total) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.total = total;
    }

    public void add(long messageBytes) {
        messages++;
        bytes += messageBytes;
        total.add(messageBytes);
    }

    public void remove(long messageBytes) {
        messages--;
        bytes -= messageBytes;
        total.add(-messageBytes);
    }

    /** Whether one more message of this size would stay within the budget (QoS 0 asks before queueing). */
    public boolean fits(long messageBytes) {
        return messages + 1 <= maxMessages && bytes + messageBytes <= maxBytes
                && total.used() + messageBytes <= total.max();
    }

    /** Whether what is queued now breaks the budget (QoS 1/2 are queued first, then the policy applies). */
    public boolean exceeded() {
        return messages > maxMessages || bytes > maxBytes || (messages > 0 && total.exceeded());
    }

    /** The session ended: its share of the total is given back. */
    public void clear() {
        total.add(-bytes);
        messages = 0;
        bytes = 0;
    }

    public int messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }
}
