package dev.lmqharness.broker.config;

import java.util.List;

/**
 * The admin HTTP API. Off by default (production); the development config turns it on.
 *
 * @param testMode     the broker's clock becomes controllable and the admin API can advance it;
 *                     never for production
 * @param token        the bearer secret every request must carry; {@code null}: the admin server
 *                     generates one at start and logs it once
 * @param allowedHosts names a request's {@code Host} header may carry besides loopback and
 *                     {@code host} (DNS-rebinding defence); see {@link AdminAccessChecks#host}
 */
public record AdminConfig(boolean enabled, String host, int port, boolean testMode, String token,
                          List<String> allowedHosts) {

    public AdminConfig {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** No configured token (one is generated at start) and loopback names only. */
    public AdminConfig(boolean enabled, String host, int port, boolean testMode) {
        this(enabled, host, port, testMode, null, List.of());
    }

    public static AdminConfig defaults() {
        return new AdminConfig(false, "127.0.0.1", 8080, false);
    }

    public AdminConfig withEnabled(boolean v) {
        return new AdminConfig(v, host, port, testMode, token, allowedHosts);
    }

    public AdminConfig withPort(int v) {
        return new AdminConfig(enabled, host, v, testMode, token, allowedHosts);
    }

    public AdminConfig withHost(String v) {
        return new AdminConfig(enabled, v, port, testMode, token, allowedHosts);
    }

    public AdminConfig withTestMode(boolean v) {
        return new AdminConfig(enabled, host, port, v, token, allowedHosts);
    }

    public AdminConfig withToken(String v) {
        return new AdminConfig(enabled, host, port, testMode, v, allowedHosts);
    }

    public AdminConfig withAllowedHosts(List<String> v) {
        return new AdminConfig(enabled, host, port, testMode, token, v);
    }

    /** The token is a secret: configs get logged and printed in test failures. */
    @Override
    public String toString() {
        return "AdminConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", testMode=" + testMode
                + ", token=" + (token == null ? "(generated)" : "***") + ", allowedHosts=" + allowedHosts + "]";
    }
}
