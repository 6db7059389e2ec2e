package dev.lmqharness.broker.config;

/**
 * One listener. Port 0 binds an ephemeral port (the broker reports the bound one).
 * {@code path} is only used by the WebSocket transports.
 */
public record ListenerConfig(Transport transport, boolean enabled, String host, int port, String path) {

    public static final String DEFAULT_WS_PATH = "/mqtt";

    public static ListenerConfig defaults(Transport t) {
        return switch (t) {
            case TCP -> new ListenerConfig(t, true, "0.0.0.0", 1883, null);
            case TLS -> new ListenerConfig(t, false, "0.0.0.0", 8883, null);
            case WS -> new ListenerConfig(t, false, "0.0.0.0", 8083, DEFAULT_WS_PATH);
            case WSS -> new ListenerConfig(t, false, "0.0.0.0", 8084, DEFAULT_WS_PATH);
        };
    }

    public ListenerConfig withPort(int p) {
        return new ListenerConfig(transport, true, host, p, path);
    }

    public ListenerConfig withEnabled(boolean e) {
        return new ListenerConfig(transport, e, host, port, path);
    }

    public ListenerConfig withHost(String h) {
        return new ListenerConfig(transport, enabled, h, port, path);
    }

    public ListenerConfig withPath(String p) {
        return new ListenerConfig(transport, enabled, host, port, p);
    }
}
