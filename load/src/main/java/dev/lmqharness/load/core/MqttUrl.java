package dev.lmqharness.load.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A broker address: {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://host:port/path}
 * or {@code wss://host:port/path}. {@code mqtt://} and {@code mqtts://} are accepted as aliases of
 * tcp and ssl. Missing ports default to 1883, 8883, 80 and 443; a missing WebSocket path to
 * {@code /mqtt}.
 */
public record MqttUrl(Scheme scheme, String host, int port, String path) {

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
    }

    public static final String DEFAULT_WS_PATH = "/mqtt";

    public MqttUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("MQTT URL needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MQTT URL port out of range: " + port);
        }
    }

    /** Parses a URL; the message of the exception names what is wrong and quotes the input. */
    public static MqttUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("MQTT URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + url + "' (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("MQTT URL '" + url + "' has no scheme; use tcp://, ssl://, ws:// or wss://");
        }
        Scheme scheme = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "tcp", "mqtt" -> Scheme.TCP;
            case "ssl", "tls", "mqtts" -> Scheme.SSL;
            case "ws" -> Scheme.WS;
            case "wss" -> Scheme.WSS;
            default -> throw new IllegalArgumentException("MQTT URL '" + url + "' has unsupported scheme '"
                    + uri.getScheme() + "'; use tcp://, ssl://, ws:// or wss://");
        };
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("MQTT URL '" + url + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? scheme.defaultPort() : uri.getPort();
        String path = null;
        if (scheme.websocket()) {
            path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? DEFAULT_WS_PATH : uri.getRawPath();
        } else if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("MQTT URL '" + url + "': a path is only meaningful for ws:// and wss://");
        }
        return new MqttUrl(scheme, host, port, path);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + h + ":" + port + (path == null ? "" : path);
    }
}
