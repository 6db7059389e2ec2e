package dev.lmqharness.broker.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may call the admin API, checked before any route runs, in this order:
 * <ol>
 *   <li>{@code Host} names an allowed host ({@link HostAllowList}), else 421: stops DNS rebinding;</li>
 *   <li>{@code Origin}, when a browser sends one, is this very host and port, else 403;</li>
 *   <li>{@code Authorization: Bearer <admin token>}, else 401 with {@code WWW-Authenticate}; the
 *       token is read from this header only, never from the query string or a cookie, which a
 *       browser would attach to a forged request;</li>
 *   <li>anything but GET and HEAD carries {@code Content-Type: application/json}, else 415: a
 *       cross-site form or {@code text/plain} POST, which a browser sends without asking, cannot act.</li>
 * </ol>
 * Free of the HTTP server: headers come in as a lookup, so it is tested without sockets too.
 */
final class RequestGuard {

    static final String REALM = "lmq-admin";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final String JSON = "application/json";

    /** A refused request: status, the error message and the headers the answer must carry. */
    record Refusal(int status, String message, Map<String, String> headers) {
        Refusal(int status, String message) {
            this(status, message, Map.of());
        }
    }

    private final AdminToken token;
    private final HostAllowList hosts;

    RequestGuard(AdminToken token, HostAllowList hosts) {
        this.token = token;
        this.hosts = hosts;
    }

    /**
     * @param headers all values of a request header by name (case-insensitive), {@code null} or empty when absent
     * @return the refusal, or empty when the request may be routed
     */
    Optional<Refusal> check(String method, Function<String, List<String>> headers) {
        List<String> host = values(headers, "Host");
        HostAllowList.Authority authority = host.size() == 1 ? HostAllowList.parse(host.get(0)) : null;
        if (authority == null) {
            return refuse(421, "the request needs exactly one well-formed Host header");
        }
        if (!hosts.allows(authority)) {
            return refuse(421, "Host '" + host.get(0).trim() + "' is not a name of this admin API;"
                    + " add it to admin.allowed-hosts if it is");
        }
        List<String> origin = values(headers, "Origin");
        if (!origin.isEmpty() && (origin.size() > 1 || !sameOrigin(origin.get(0), authority))) {
            return refuse(403, "cross-origin requests are refused (Origin " + String.join(", ", origin) + ")");
        }
        Optional<Refusal> unauthenticated = authenticate(values(headers, "Authorization"));
        if (unauthenticated.isPresent()) {
            return unauthenticated;
        }
        if (!SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT)) && !isJson(values(headers, "Content-Type"))) {
            return refuse(415, method + " requests must have Content-Type: application/json");
        }
        return Optional.empty();
    }

    private Optional<Refusal> authenticate(List<String> authorization) {
        if (authorization.isEmpty()) {
            return Optional.of(new Refusal(401, "the admin API needs a token: send Authorization: Bearer <admin.token>",
                    Map.of("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"")));
        }
        String presented = authorization.size() == 1 ? bearer(authorization.get(0)) : null;
        if (presented == null || !token.matches(presented)) {
            return Optional.of(new Refusal(401, "wrong or malformed admin API token (expected Authorization: Bearer <admin.token>)",
                    Map.of("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"")));
        }
        return Optional.empty();
    }

    /** The credential of {@code Bearer <token>} (scheme case-insensitive, RFC 7235), or {@code null}. */
    private static String bearer(String header) {
        String h = header.trim();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) {
            return null;
        }
        String credential = h.substring(space + 1).trim();
        return credential.isEmpty() ? null : credential;
    }

    /** A browser's Origin is scheme://host[:port]; it must be http:// and this request's own Host. */
    private static boolean sameOrigin(String origin, HostAllowList.Authority host) {
        URI u;
        try {
            u = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        // "null" (sandboxed pages, file:// documents) parses as a relative URI and fails the scheme test
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getRawAuthority() == null
                || !(u.getRawPath() == null || u.getRawPath().isEmpty()) || u.getRawQuery() != null || u.getUserInfo() != null) {
            return false;
        }
        HostAllowList.Authority o = HostAllowList.parse(u.getRawAuthority());
        return o != null && o.name().equals(host.name()) && port(o) == port(host);
    }

    private static int port(HostAllowList.Authority a) {
        return a.port() < 0 ? 80 : a.port();
    }

    private static boolean isJson(List<String> contentType) {
        if (contentType.size() != 1) {
            return false;
        }
        String v = contentType.get(0);
        int semicolon = v.indexOf(';');
        return (semicolon < 0 ? v : v.substring(0, semicolon)).trim().equalsIgnoreCase(JSON);
    }

    private static List<String> values(Function<String, List<String>> headers, String name) {
        List<String> v = headers.apply(name);
        return v == null ? List.of() : v;
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }
}
