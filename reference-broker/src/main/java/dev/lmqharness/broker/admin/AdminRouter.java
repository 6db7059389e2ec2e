package dev.lmqharness.broker.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lets {@link RequestGuard} refuse a request first, then dispatches it to its {@link Route};
 * answers 404 for an unknown path, 405 (with {@code Allow}) for a known path with another method,
 * and turns every failure into the one JSON error shape ({@link ApiError}). A failing endpoint
 * never leaves an exchange open.
 */
final class AdminRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRouter.class);

    private final List<Route> routes;
    private final RequestGuard guard;

    AdminRouter(List<Route> routes, RequestGuard guard) {
        this.routes = List.copyOf(routes);
        this.guard = guard;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                Optional<RequestGuard.Refusal> refused = guard.check(exchange.getRequestMethod(), exchange.getRequestHeaders()::get);
                reply = refused.isPresent() ? refusal(exchange, refused.get()) : dispatch(exchange);
            } catch (ApiException e) {
                reply = Reply.json(e.status(), e.body());
            } catch (RuntimeException e) {
                LOG.error("admin API: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = Reply.json(500, new ApiError("internal error: " + e, null, null));
            }
            send(exchange, reply);
        }
    }

    /** The request body is never read: a refused request gets no further than its headers. */
    private static Reply refusal(HttpExchange exchange, RequestGuard.Refusal r) {
        r.headers().forEach(exchange.getResponseHeaders()::set);
        return Reply.json(r.status(), new ApiError(r.message(), null, null));
    }

    private Reply dispatch(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        List<String> path = UriCodec.segments(exchange.getRequestURI().getRawPath());
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isEmpty()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            Map<String, String> query = UriCodec.query(exchange.getRequestURI().getRawQuery());
            for (String name : query.keySet()) {
                if (!route.queryParams().contains(name)) {
                    throw ApiException.badRequest("unknown query parameter '" + name + "'"
                            + (route.queryParams().isEmpty() ? "; this endpoint takes none"
                            : " (known: " + String.join(", ", new TreeSet<>(route.queryParams())) + ")"));
                }
            }
            return route.endpoint().handle(new AdminRequest(params.get(), query, exchange.getRequestBody()));
        }
        if (!allowed.isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            throw new ApiException(405, "method " + method + " not allowed here; allowed: "
                    + String.join(", ", allowed), null, null);
        }
        throw ApiException.notFound("no such endpoint: " + method + " " + exchange.getRequestURI().getRawPath(), null);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        byte[] body = reply.body();
        // -1: no body at all (204); otherwise a fixed length
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
