package dev.lmqharness.broker.auth;

/**
 * The answer of ApplyToken ({@link TokenService}). On success: the token and its effective expiry,
 * with {@code capped} saying whether the 30-day cap shortened the requested one (the API reports
 * no error for that). On failure: an error code in the style of the public API
 * ({@code InvalidParameter.ExpireTime}, ...) and a message.
 */
public record ApplyTokenResult(boolean success, String token, long expireTimeMillis, boolean capped,
                               String errorCode, String message) {

    static ApplyTokenResult issued(TokenRecord record, boolean capped) {
        return new ApplyTokenResult(true, record.token(), record.expireTimeMillis(), capped, null,
                capped ? "ExpireTime capped to the maximum validity" : "ok");
    }

    static ApplyTokenResult error(String errorCode, String message) {
        return new ApplyTokenResult(false, null, 0L, false, errorCode, message);
    }
}
