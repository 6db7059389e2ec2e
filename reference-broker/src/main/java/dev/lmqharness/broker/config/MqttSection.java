package dev.lmqharness.broker.config;

/** {@code mqtt:} protocol limits; see {@link MqttConfig} for their meaning and {@link BrokerConfigValidator} for their ranges. */
final class MqttSection {

    public Integer maxFrameBytes;
    public Integer maxInflight;
    public Double keepAliveFactor;
    public Integer maxQueuedPerSession;
    public Integer sessionThreads;
    public Integer connectTimeoutSeconds;

    MqttConfig applyTo(MqttConfig base, String key) {
        return new MqttConfig(
                maxFrameBytes == null ? base.maxFrameBytes() : maxFrameBytes,
                maxInflight == null ? base.maxInflight() : maxInflight,
                keepAliveFactor == null ? base.keepAliveFactor() : keepAliveFactor,
                maxQueuedPerSession == null ? base.maxQueuedPerSession() : maxQueuedPerSession,
                sessionThreads == null ? base.sessionThreads() : sessionThreads,
                connectTimeoutSeconds == null ? base.connectTimeoutSeconds() : connectTimeoutSeconds);
    }
}
