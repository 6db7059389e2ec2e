package dev.lmqharness.broker.transport;

/**
 * Names of the handlers in a connection's pipeline, in one place, so that code which inserts a
 * handler before or after another one (or a test that inspects the pipeline) refers to the same
 * name. The order below is the pipeline order for a WebSocket-over-TLS connection; the other
 * transports use a subset.
 */
public final class ChannelHandlerNames {

    /** TLS: {@code SslHandler} (TLS and WSS listeners). */
    public static final String SSL = "ssl";
    /** WebSocket: HTTP request decoder and response encoder for the upgrade request. */
    public static final String HTTP_SERVER_CODEC = "httpServerCodec";
    /** WebSocket: collects the upgrade request into one {@code FullHttpRequest}. */
    public static final String HTTP_OBJECT_AGGREGATOR = "httpObjectAggregator";
    /** WebSocket: handshake, ping/pong and close frames. */
    public static final String WEBSOCKET_PROTOCOL = "webSocketServerProtocolHandler";
    /** WebSocket: answers plain HTTP requests to other paths with 404 and closes. */
    public static final String WEBSOCKET_NOT_FOUND = "webSocketNotFound";
    /** WebSocket: binary/continuation frames to bytes and bytes to binary frames. */
    public static final String WEBSOCKET_FRAME_CODEC = "webSocketFrameCodec";

    /** MQTT: suggested names for the protocol installer (see {@link MqttPipelineInstaller}). */
    public static final String MQTT_DECODER = "mqttDecoder";
    public static final String MQTT_ENCODER = "mqttEncoder";

    private ChannelHandlerNames() {
    }
}
