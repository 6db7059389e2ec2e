package dev.lmqharness.broker.admin;

/**
 * A refused admin request: the HTTP status and the JSON error body
 * {@code {"error": message, "rule": ruleId, "code": code}} ({@code rule} and {@code code} only when known).
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String rule;
    private final String code;

    ApiException(int status, String message, String rule, String code) {
        super(message);
        this.status = status;
        this.rule = rule;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message, null, null);
    }

    static ApiException badRequest(String message, String rule) {
        return new ApiException(400, message, rule, null);
    }

    static ApiException notFound(String message, String rule) {
        return new ApiException(404, message, rule, null);
    }

    static ApiException conflict(String message, String rule) {
        return new ApiException(409, message, rule, null);
    }

    int status() {
        return status;
    }

    ApiError body() {
        return new ApiError(getMessage(), rule, code);
    }
}
