package dev.lmqharness.broker.config;

/** {@code admin:} the admin HTTP API: enabled, host, port and test-mode; see {@link AdminConfig}. */
final class AdminSection {

    public Boolean enabled;
    public String host;
    public Integer port;
    public Boolean testMode;

    AdminConfig applyTo(AdminConfig base, String key) {
        AdminConfig a = base;
        if (enabled != null) {
            a = a.withEnabled(enabled);
        }
        if (host != null) {
            a = a.withHost(host.trim());
        }
        if (port != null) {
            a = a.withPort(port);
        }
        if (testMode != null) {
            a = a.withTestMode(testMode);
        }
        return a;
    }
}
