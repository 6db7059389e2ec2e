package dev.lmqharness.broker.rules;

import java.util.concurrent.atomic.AtomicLong;

/**
 * LMQ-MSG-1: a payload is at most 65,536 bytes (configurable); a larger message is discarded.
 * Decision: the broker still acknowledges it per its QoS flow (so the client does not resend it
 * forever), delivers it to no one, counts it and keeps the connection. Frames far beyond the cap
 * ({@link LmqLimits#maxFrameBytes()}) are the decoder's job: they close the connection unread.
 *
 * <p>Thread-safe; one instance per broker so the count is instance-wide.
 */
public final class PayloadLimit {

    public static final String RULE = "LMQ-MSG-1";

    private final int maxPayloadBytes;
    private final AtomicLong discarded = new AtomicLong();

    public PayloadLimit(LmqLimits limits) {
        this.maxPayloadBytes = limits.maxPayloadBytes();
    }

    /**
     * Judges one incoming PUBLISH. Call once per message: an oversize one is counted here.
     */
    public PublishVerdict check(int payloadBytes) {
        if (payloadBytes <= maxPayloadBytes) {
            return PublishVerdict.deliver();
        }
        discarded.incrementAndGet();
        return PublishVerdict.ackAndDiscard(RULE, "payload of " + payloadBytes + " bytes exceeds the limit of "
                + maxPayloadBytes + " bytes; acknowledged and discarded");
    }

    /** Oversize messages discarded since start. */
    public long discardedCount() {
        return discarded.get();
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }
}
