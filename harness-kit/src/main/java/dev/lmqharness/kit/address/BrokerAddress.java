package dev.lmqharness.kit.address;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A broker address: {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://host:port/path}
 * or {@code wss://host:port/path}. {@code mqtt://} and {@code mqtts://} are accepted as aliases of
 * tcp and ssl. Missing ports default to 1883, 8883, 80 and 443; a missing WebSocket path to
 * {@code /mqtt}. Every part of the harness (suite, load generator, broker tests) names a broker with it.
 */
public record BrokerAddress(Scheme scheme, String host, int port, String path) {

    public static final String DEFAULT_WS_PATH = "/mqtt";

    public BrokerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("MQTT URL needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MQTT URL port out of range: " + port);
        }
    }

    /** Parses a URL; the message of the exception names what is wrong and quotes the input. */
    public static BrokerAddress parse(String url) {
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
        Scheme scheme;
        try {
            scheme = Scheme.parse(uri.getScheme());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MQTT URL '" + url + "' has unsupported scheme '"
                    + uri.getScheme() + "'; use tcp://, ssl://, ws:// or wss://");
        }
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
        return new BrokerAddress(scheme, host, port, path);
    }

    /** A loopback address of the bundled broker: {@code 127.0.0.1}, the default WebSocket path. */
    public static BrokerAddress loopback(Scheme scheme, int port) {
        return new BrokerAddress(scheme, "127.0.0.1", port, scheme.websocket() ? DEFAULT_WS_PATH : null);
    }

    public String url() {
        return toString();
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme.prefix() + "://" + h + ":" + port + (path == null ? "" : path);
    }
}
