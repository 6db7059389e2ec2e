package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.Transport;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

import java.util.Objects;

/** MQTT over TLS: an {@code SslHandler} in front of the MQTT codec. */
public final class TlsChannelInitializer extends AbstractMqttChannelInitializer {

    private final SslContext sslContext;

    public TlsChannelInitializer(SslContext sslContext, MqttPipelineInstaller mqtt) {
        super(Transport.TLS, mqtt);
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    }

    @Override
    protected void addTransportHandlers(ChannelPipeline pipeline) {
        pipeline.addLast(ChannelHandlerNames.SSL, sslContext.newHandler(pipeline.channel().alloc()));
    }
}
