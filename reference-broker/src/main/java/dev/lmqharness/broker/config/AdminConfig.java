package dev.lmqharness.broker.config;

/**
 * The admin HTTP API. Off by default (production); the development config turns it on.
 *
 * @param testMode the broker's clock becomes controllable and the admin API can advance it;
 *                 never for production
 */
public record AdminConfig(boolean enabled, String host, int port, boolean testMode) {

    public static AdminConfig defaults() {
        return new AdminConfig(false, "127.0.0.1", 8080, false);
    }

    public AdminConfig withEnabled(boolean v) {
        return new AdminConfig(v, host, port, testMode);
    }

    public AdminConfig withPort(int v) {
        return new AdminConfig(enabled, host, v, testMode);
    }

    public AdminConfig withHost(String v) {
        return new AdminConfig(enabled, v, port, testMode);
    }

    public AdminConfig withTestMode(boolean v) {
        return new AdminConfig(enabled, host, port, v);
    }
}
