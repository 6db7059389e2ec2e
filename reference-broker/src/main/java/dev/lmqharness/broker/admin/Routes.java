package dev.lmqharness.broker.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The route table the resources register into. */
final class Routes {

    /** Prefix of every JSON endpoint; {@code /metrics} sits at the root, where scrapers look. */
    static final String API = "/api/v1";

    private final List<Route> routes = new ArrayList<>();

    Routes get(String pattern, Route.Endpoint endpoint) {
        return add("GET", pattern, Set.of(), endpoint);
    }

    Routes get(String pattern, Set<String> queryParams, Route.Endpoint endpoint) {
        return add("GET", pattern, queryParams, endpoint);
    }

    Routes post(String pattern, Route.Endpoint endpoint) {
        return add("POST", pattern, Set.of(), endpoint);
    }

    Routes delete(String pattern, Route.Endpoint endpoint) {
        return add("DELETE", pattern, Set.of(), endpoint);
    }

    private Routes add(String method, String pattern, Set<String> queryParams, Route.Endpoint endpoint) {
        routes.add(Route.of(method, pattern, queryParams, endpoint));
        return this;
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
