package dev.lmqharness.broker.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One endpoint: method, path pattern ({@code /api/v1/groups/{groupId}}; a {@code {name}} segment
 * matches any one decoded segment) and the query parameters it understands (others are refused,
 * so a misspelt filter is not silently ignored).
 */
record Route(String method, String pattern, List<String> segments, Set<String> queryParams, Endpoint endpoint) {

    @FunctionalInterface
    interface Endpoint {
        Reply handle(AdminRequest request);
    }

    static Route of(String method, String pattern, Set<String> queryParams, Endpoint endpoint) {
        return new Route(method, pattern, UriCodec.segments(pattern), Set.copyOf(queryParams), endpoint);
    }

    /** The path parameters if the decoded path matches this pattern. */
    Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.startsWith("{") && s.endsWith("}")) {
                params.put(s.substring(1, s.length() - 1), path.get(i));
            } else if (!s.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
