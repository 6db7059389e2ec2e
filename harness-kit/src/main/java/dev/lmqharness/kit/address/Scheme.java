package dev.lmqharness.kit.address;

import java.util.Locale;

/** The four ways a broker is reached (LMQ-NET-1 names them): TCP, TLS, WebSocket, WebSocket over TLS. */
public enum Scheme {
    TCP(1883, false, false), SSL(8883, true, false), WS(80, false, true), WSS(443, true, true);

    private final int defaultPort;
    private final boolean secure;
    private final boolean websocket;

    Scheme(int defaultPort, boolean secure, boolean websocket) {
        this.defaultPort = defaultPort;
        this.secure = secure;
        this.websocket = websocket;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean secure() {
        return secure;
    }

    public boolean websocket() {
        return websocket;
    }

    /** The URL scheme as written: {@code tcp}, {@code ssl}, {@code ws}, {@code wss}. */
    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the four prefixes and the aliases {@code mqtt}, {@code mqtts} and {@code tls}. */
    public static Scheme parse(String scheme) {
        if (scheme != null) {
            switch (scheme.toLowerCase(Locale.ROOT)) {
                case "tcp", "mqtt": return TCP;
                case "ssl", "tls", "mqtts": return SSL;
                case "ws": return WS;
                case "wss": return WSS;
                default: break;
            }
        }
        throw new IllegalArgumentException("scheme must be tcp://, ssl://, ws:// or wss://, got " + scheme);
    }
}
