package dev.lmqharness.broker.config;

/**
 * Protocol limits that hold for every profile.
 *
 * @param maxFrameBytes       largest MQTT packet accepted (whole packet); larger frames close the connection
 *                            before they are buffered (RULES.md {@code PayloadLimit} decision: 256 KB)
 * @param maxInflight         per-client window of unacknowledged outgoing QoS1/2 messages
 * @param keepAliveFactor     a client silent for keepAlive x factor seconds is disconnected (MQTT-3.1.2-24: 1.5)
 * @param maxQueuedPerSession a persistent session's queue beyond this drops its oldest entries
 *                            (protects memory in the plain profile; LMQ has its own instance-wide cap)
 * @param sessionThreads      number of single-threaded session loops (each client ID is owned by one)
 * @param connectTimeoutSeconds a connection that sends no CONNECT within this time is closed
 */
public record MqttConfig(int maxFrameBytes, int maxInflight, double keepAliveFactor,
                         int maxQueuedPerSession, int sessionThreads, int connectTimeoutSeconds) {

    public static MqttConfig defaults() {
        return new MqttConfig(256 * 1024, 32, 1.5, 1_000_000,
                Math.max(2, Runtime.getRuntime().availableProcessors() * 2), 10);
    }
}
