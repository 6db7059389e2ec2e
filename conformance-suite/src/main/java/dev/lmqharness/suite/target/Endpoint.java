package dev.lmqharness.suite.target;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a target listens: scheme, host, port and (for WebSocket) path. */
public record Endpoint(Scheme scheme, String host, int port, String path) {

    public static Endpoint parse(String key, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "not a URL: " + url);
        }
        Scheme scheme = Scheme.parse(key, uri.getScheme());
        if (uri.getHost() == null) {
            throw new ConfigException(key, "no host in " + url);
        }
        int port = uri.getPort();
        if (port < 0) {
            port = switch (scheme) {
                case TCP -> 1883;
                case SSL -> 8883;
                case WS -> 80;
                case WSS -> 443;
            };
        }
        String path = uri.getRawPath();
        if (scheme.websocket() && (path == null || path.isEmpty())) {
            path = "/mqtt";
        }
        return new Endpoint(scheme, uri.getHost(), port, scheme.websocket() ? path : null);
    }

    public String url() {
        return scheme.prefix() + "://" + host + ":" + port + (path == null ? "" : path);
    }

    @Override
    public String toString() {
        return url();
    }
}
