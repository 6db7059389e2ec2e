package dev.lmqharness.suite.target;

import java.util.Locale;

/** The four URL schemes a target can be reached by (LMQ-NET-1). */
public enum Scheme {
    TCP(false, false), SSL(true, false), WS(false, true), WSS(true, true);

    private final boolean secure;
    private final boolean websocket;

    Scheme(boolean secure, boolean websocket) {
        this.secure = secure;
        this.websocket = websocket;
    }

    public boolean secure() {
        return secure;
    }

    public boolean websocket() {
        return websocket;
    }

    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scheme parse(String key, String scheme) {
        if (scheme != null) {
            for (Scheme s : values()) {
                if (s.prefix().equalsIgnoreCase(scheme)) {
                    return s;
                }
            }
            if ("mqtt".equalsIgnoreCase(scheme)) {
                return TCP;
            }
            if ("mqtts".equalsIgnoreCase(scheme) || "tls".equalsIgnoreCase(scheme)) {
                return SSL;
            }
        }
        throw new ConfigException(key, "scheme must be tcp://, ssl://, ws:// or wss://, got " + scheme);
    }
}
