package dev.lmqharness.broker.limits;

/**
 * What happens when a cleanSession=1 client's QoS 1/2 queue reaches its bound. Persistent sessions
 * never use it: their bound is the store's cap ({@code OfflinePolicy}, {@code mqtt.max-queued-per-session}).
 */
public enum OverflowPolicy {
    /**
     * Close the slow client's connection (the default). Its clean session ends with it, as the QoS and
     * cleanSession rules say a cleanSession=1 client keeps no offline messages ({@code QosSessionPolicy}); every message it did receive was
     * complete and in order, and the client sees the loss as a disconnect instead of a silent gap.
     */
    DISCONNECT,
    /**
     * Keep the connection and discard the oldest waiting messages (never one in flight). The client
     * stays online but misses messages without being told, so this is opt-in.
     */
    DROP_OLDEST
}
