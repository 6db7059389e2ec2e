package dev.lmqharness.broker.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code admin:} the admin HTTP API: enabled, host, port, test-mode, token and allowed-hosts; see
 * {@link AdminConfig}. The token may be written {@code ${ENV_VAR}} to keep it out of the file.
 */
final class AdminSection {

    public Boolean enabled;
    public String host;
    public Integer port;
    public Boolean testMode;
    public String token;
    public List<String> allowedHosts;

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
        if (token != null) {
            // not trimmed: the validator refuses whitespace rather than silently changing a secret
            a = a.withToken(TlsSection.expandEnv(key + ".token", token));
        }
        if (allowedHosts != null) {
            List<String> hosts = new ArrayList<>();
            for (String h : allowedHosts) {
                hosts.add(h == null ? "" : h.trim()); // YAML "~" entries are refused by the validator
            }
            a = a.withAllowedHosts(hosts);
        }
        return a;
    }
}
