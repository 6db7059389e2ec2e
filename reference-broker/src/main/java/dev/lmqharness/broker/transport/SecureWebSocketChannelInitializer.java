package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.Transport;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

import java.util.Objects;

/** MQTT over WebSocket over TLS: an {@code SslHandler}, then the same handlers as WS. */
public final class SecureWebSocketChannelInitializer extends AbstractMqttChannelInitializer {

    private final SslContext sslContext;
    private final String path;
    private final int maxFramePayloadBytes;

    public SecureWebSocketChannelInitializer(SslContext sslContext, String path, int maxFramePayloadBytes,
                                             MqttPipelineInstaller mqtt) {
        super(Transport.WSS, mqtt);
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.path = Objects.requireNonNull(path, "path");
        this.maxFramePayloadBytes = maxFramePayloadBytes;
    }

    @Override
    protected void addTransportHandlers(ChannelPipeline pipeline) {
        pipeline.addLast(ChannelHandlerNames.SSL, sslContext.newHandler(pipeline.channel().alloc()));
        WebSocketHandlers.add(pipeline, path, maxFramePayloadBytes);
    }
}
