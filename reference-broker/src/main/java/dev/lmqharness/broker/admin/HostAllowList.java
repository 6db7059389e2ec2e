package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.config.AdminAccessChecks;
import dev.lmqharness.broker.config.ConfigException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a request's {@code Host} header may carry: loopback ({@code localhost},
 * {@code 127.0.0.1}, {@code [::1]}), the address the API binds to (unless a wildcard), and
 * {@code admin.allowed-hosts}. A page that rebinds its own domain to 127.0.0.1 (DNS rebinding)
 * still sends its domain in {@code Host}, which is not on the list. The port is not compared.
 */
final class HostAllowList {

    static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[0:0:0:0:0:0:0:1]");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "[0:0:0:0:0:0:0:0]");

    /** A parsed {@code Host} header or {@code Origin} authority: normalised name and port (-1: none given). */
    record Authority(String name, int port) {
    }

    private final Set<String> names;

    private HostAllowList(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * @throws ConfigException naming {@code admin.allowed-hosts[i]} for an entry that is not a host
     */
    static HostAllowList of(String bindHost, List<String> allowedHosts) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        for (int i = 0; i < allowedHosts.size(); i++) {
            names.add(AdminAccessChecks.host("admin.allowed-hosts[" + i + "]", allowedHosts.get(i)));
        }
        String bind = normalise(bindHost);
        if (bind != null && !WILDCARDS.contains(bind)) {
            names.add(bind);
        }
        return new HostAllowList(names);
    }

    boolean allows(Authority a) {
        return names.contains(a.name());
    }

    /** {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}; {@code null} when malformed. */
    static Authority parse(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim();
        String name = h;
        String port = null;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return null;
            }
            name = h.substring(0, close + 1);
            String rest = h.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = h.lastIndexOf(':');
            if (colon >= 0) {
                name = h.substring(0, colon);
                port = h.substring(colon + 1);
            }
        }
        String n = normalise(name);
        if (n == null) {
            return null;
        }
        if (port == null) {
            return new Authority(n, -1);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            return null;
        }
        return new Authority(n, Integer.parseInt(port));
    }

    /** The one spelling of a host name or address, or {@code null} when it is not one. */
    private static String normalise(String name) {
        if (name == null) {
            return null;
        }
        try {
            return AdminAccessChecks.host("host", name.toLowerCase(Locale.ROOT));
        } catch (ConfigException notAHost) {
            return null;
        }
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
