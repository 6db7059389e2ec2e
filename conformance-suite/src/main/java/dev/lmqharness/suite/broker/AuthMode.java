package dev.lmqharness.suite.broker;

import java.util.Locale;

/** How the suite's clients authenticate (LMQ-AUTH-1, LMQ-AUTH-2). */
public enum AuthMode {
    NONE, PASSWORD, SIGNATURE, TOKEN;

    public static AuthMode parse(String key, String value) {
        for (AuthMode m : values()) {
            if (m.name().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new ConfigException(key, "'" + value + "' is not an auth mode (none, password, signature, token)");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
