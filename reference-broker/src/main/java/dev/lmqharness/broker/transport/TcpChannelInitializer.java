package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.Transport;
import io.netty.channel.ChannelPipeline;

/** Plain MQTT over TCP: the socket already carries MQTT bytes. */
public final class TcpChannelInitializer extends AbstractMqttChannelInitializer {

    public TcpChannelInitializer(MqttPipelineInstaller mqtt) {
        super(Transport.TCP, mqtt);
    }

    @Override
    protected void addTransportHandlers(ChannelPipeline pipeline) {
        // nothing to add
    }
}
