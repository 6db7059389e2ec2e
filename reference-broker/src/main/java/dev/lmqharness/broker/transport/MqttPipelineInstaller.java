package dev.lmqharness.broker.transport;

import io.netty.channel.ChannelPipeline;

/**
 * Adds the MQTT codec and protocol handlers after a transport's own handlers. The transports know
 * nothing of MQTT; the protocol knows nothing of TLS or WebSocket.
 */
@FunctionalInterface
public interface MqttPipelineInstaller {
    void install(ChannelPipeline pipeline);
}
