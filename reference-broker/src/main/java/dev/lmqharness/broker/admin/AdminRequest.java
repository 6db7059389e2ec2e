package dev.lmqharness.broker.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One request as an endpoint sees it: decoded path parameters, query parameters and the JSON body. */
final class AdminRequest {

    /** Bodies are small JSON objects; anything larger is refused before it is buffered. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final InputStream body;

    AdminRequest(Map<String, String> pathParams, Map<String, String> query, InputStream body) {
        this.pathParams = Map.copyOf(pathParams);
        this.query = query;
        this.body = body;
    }

    /** A decoded {@code {name}} segment of the route. */
    String path(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no path parameter {" + name + "}");
        }
        return v;
    }

    /** A decoded query parameter; an empty value counts as absent. */
    Optional<String> query(String name) {
        String v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** A whole-number query parameter within {@code [min, max]}. */
    OptionalInt intQuery(String name, int min, int max) {
        Optional<String> v = query(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        int n;
        try {
            n = Integer.parseInt(v.get().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be a whole number, was '" + v.get() + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest("query parameter '" + name + "' must be between " + min + " and " + max + ", was " + n);
        }
        return OptionalInt.of(n);
    }

    /** The body as JSON of {@code type}; 400 when absent or malformed, 413 when too large. */
    <T> T body(Class<T> type) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes", null, null);
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return AdminJson.read(bytes, type);
    }

    /** A required, non-blank string field of a body. */
    static String required(String field, String value, String rule) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' is required", rule);
        }
        return value;
    }
}
