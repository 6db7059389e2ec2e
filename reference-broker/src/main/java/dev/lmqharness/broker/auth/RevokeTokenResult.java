package dev.lmqharness.broker.auth;

/** The answer of RevokeToken (LMQ-TOKEN-2). */
public record RevokeTokenResult(boolean success, String errorCode, String message) {

    static RevokeTokenResult ok() {
        return new RevokeTokenResult(true, null, "ok");
    }

    static RevokeTokenResult error(String errorCode, String message) {
        return new RevokeTokenResult(false, errorCode, message);
    }
}
