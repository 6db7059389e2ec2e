package dev.lmqharness.broker.auth;

/** The answer of RevokeToken ({@link TokenService}). */
public record RevokeTokenResult(boolean success, String errorCode, String message) {

    static RevokeTokenResult ok() {
        return new RevokeTokenResult(true, null, "ok");
    }

    static RevokeTokenResult error(String errorCode, String message) {
        return new RevokeTokenResult(false, errorCode, message);
    }
}
