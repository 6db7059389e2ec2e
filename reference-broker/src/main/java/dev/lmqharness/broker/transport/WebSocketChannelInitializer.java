package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.config.Transport;
import io.netty.channel.ChannelPipeline;

import java.util.Objects;

/** MQTT over WebSocket: HTTP upgrade on {@code path}, then binary frames carry the MQTT bytes. */
public final class WebSocketChannelInitializer extends AbstractMqttChannelInitializer {

    /**
     * Room above the largest MQTT packet for one WebSocket frame: a client may put more than one
     * packet (say a PUBACK and a full-size PUBLISH) into one frame. The MQTT decoder enforces the
     * real packet limit; this one only stops a frame from being buffered without bound.
     */
    public static final int FRAME_HEADROOM_BYTES = 64 * 1024;

    private final String path;
    private final int maxFramePayloadBytes;

    public WebSocketChannelInitializer(String path, int maxFramePayloadBytes, MqttPipelineInstaller mqtt) {
        super(Transport.WS, mqtt);
        this.path = Objects.requireNonNull(path, "path");
        this.maxFramePayloadBytes = maxFramePayloadBytes;
    }

    /** The WebSocket frame limit that fits every MQTT packet the decoder accepts. */
    public static int maxFramePayloadBytes(MqttConfig mqtt) {
        return (int) Math.min(Integer.MAX_VALUE, (long) mqtt.maxFrameBytes() + FRAME_HEADROOM_BYTES);
    }

    @Override
    protected void addTransportHandlers(ChannelPipeline pipeline) {
        WebSocketHandlers.add(pipeline, path, maxFramePayloadBytes);
    }
}
