package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.Transport;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

import java.util.Objects;

/**
 * Builds the pipeline of every accepted connection: first the transport's own handlers (TLS,
 * HTTP upgrade, WebSocket framing), then the MQTT codec and protocol handlers. After the
 * transport handlers, every transport delivers plain MQTT bytes as {@code ByteBuf}s and accepts
 * {@code ByteBuf}s for writing, so the MQTT part is the same for all of them.
 */
public abstract class AbstractMqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Transport transport;
    private final MqttPipelineInstaller mqtt;

    protected AbstractMqttChannelInitializer(Transport transport, MqttPipelineInstaller mqtt) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
    }

    @Override
    protected final void initChannel(SocketChannel ch) {
        ch.attr(TransportAttributes.TRANSPORT).set(transport);
        ChannelPipeline pipeline = ch.pipeline();
        addTransportHandlers(pipeline);
        mqtt.install(pipeline);
    }

    /** Adds the handlers that turn this transport's wire format into MQTT bytes. */
    protected abstract void addTransportHandlers(ChannelPipeline pipeline);

    public Transport transport() {
        return transport;
    }
}
