package dev.lmqharness.broker.config;

import dev.lmqharness.broker.limits.OverflowPolicy;

/**
 * Memory and connection bounds of the broker itself, for every profile ({@code limits:}), so one
 * slow or unfinished client cannot exhaust the broker (docs/limits.md). The in-flight window's
 * message count is {@link MqttConfig#maxInflight()}; persistent sessions are bounded by the store's
 * cap as before.
 *
 * @param maxPendingConnects       connections accepted without a complete CONNECT yet; beyond this a new one is closed at accept
 * @param inflightBytes            bytes of unacknowledged QoS 1/2 deliveries per client (with {@code mqtt.max-inflight} messages)
 * @param cleanQueueMessages       messages a cleanSession=1 client may have waiting for its window
 * @param cleanQueueBytes          bytes a cleanSession=1 client may have waiting for its window
 * @param totalCleanQueueBytes     bytes waiting in all cleanSession=1 queues together
 * @param cleanQueueOverflow       what a full clean queue does to a QoS 1/2 message ({@link OverflowPolicy})
 * @param outboundLowWaterBytes    a channel writable again below this many buffered bytes (Netty write buffer water mark)
 * @param outboundHighWaterBytes   a channel above this many buffered bytes is not written to until it drains
 */
public record LimitsConfig(int maxPendingConnects, long inflightBytes, int cleanQueueMessages, long cleanQueueBytes,
                           long totalCleanQueueBytes, OverflowPolicy cleanQueueOverflow,
                           int outboundLowWaterBytes, int outboundHighWaterBytes) {

    public static LimitsConfig defaults() {
        return new LimitsConfig(1_000, 1L << 20, 1_000, 1L << 20, 64L << 20, OverflowPolicy.DISCONNECT,
                32 * 1024, 64 * 1024);
    }

    public LimitsConfig withMaxPendingConnects(int v) {
        return new LimitsConfig(v, inflightBytes, cleanQueueMessages, cleanQueueBytes, totalCleanQueueBytes,
                cleanQueueOverflow, outboundLowWaterBytes, outboundHighWaterBytes);
    }

    public LimitsConfig withCleanQueue(int messages, long bytes, OverflowPolicy overflow) {
        return new LimitsConfig(maxPendingConnects, inflightBytes, messages, bytes, totalCleanQueueBytes,
                overflow, outboundLowWaterBytes, outboundHighWaterBytes);
    }
}
