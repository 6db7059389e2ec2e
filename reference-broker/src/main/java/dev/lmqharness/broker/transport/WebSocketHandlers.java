package dev.lmqharness.broker.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The WebSocket part of the WS and WSS pipelines (HTTP upgrade, then frames to MQTT bytes). */
final class WebSocketHandlers {

    /**
     * Sub-protocols offered in the handshake: "mqtt" (MQTT 3.1.1) and "mqttv3.1" (older clients).
     * A client that asks for none is accepted too; Netty then answers without the header.
     */
    static final String SUBPROTOCOLS = "mqtt,mqttv3.1";

    /** The upgrade request has no body; this only bounds a misbehaving client. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 64 * 1024;

    private WebSocketHandlers() {
    }

    static void add(ChannelPipeline pipeline, String path, int maxFramePayloadBytes) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(SUBPROTOCOLS)
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxFramePayloadBytes)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .build())
                .build();
        pipeline.addLast(ChannelHandlerNames.HTTP_SERVER_CODEC, new HttpServerCodec());
        pipeline.addLast(ChannelHandlerNames.HTTP_OBJECT_AGGREGATOR, new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(config));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_NOT_FOUND, new WebSocketNotFoundHandler(path));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_FRAME_CODEC, new WebSocketFrameCodec());
    }
}
