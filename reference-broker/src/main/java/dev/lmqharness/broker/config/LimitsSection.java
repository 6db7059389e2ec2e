package dev.lmqharness.broker.config;

import dev.lmqharness.broker.limits.OverflowPolicy;

/** {@code limits:} the broker's own memory and connection bounds; see {@link LimitsConfig}, ranges in {@link BrokerConfigValidator}. */
final class LimitsSection {

    public Integer maxPendingConnects;
    public Long inflightBytes;
    public Integer cleanQueueMessages;
    public Long cleanQueueBytes;
    public Long totalCleanQueueBytes;
    public String cleanQueueOverflow;
    public Integer outboundLowWaterBytes;
    public Integer outboundHighWaterBytes;

    LimitsConfig applyTo(LimitsConfig base, String key) {
        return new LimitsConfig(
                maxPendingConnects == null ? base.maxPendingConnects() : maxPendingConnects,
                inflightBytes == null ? base.inflightBytes() : inflightBytes,
                cleanQueueMessages == null ? base.cleanQueueMessages() : cleanQueueMessages,
                cleanQueueBytes == null ? base.cleanQueueBytes() : cleanQueueBytes,
                totalCleanQueueBytes == null ? base.totalCleanQueueBytes() : totalCleanQueueBytes,
                cleanQueueOverflow == null ? base.cleanQueueOverflow()
                        : ConfigChecks.oneOf(key + ".clean-queue-overflow", cleanQueueOverflow.replace('-', '_'), OverflowPolicy.class),
                outboundLowWaterBytes == null ? base.outboundLowWaterBytes() : outboundLowWaterBytes,
                outboundHighWaterBytes == null ? base.outboundHighWaterBytes() : outboundHighWaterBytes);
    }
}
