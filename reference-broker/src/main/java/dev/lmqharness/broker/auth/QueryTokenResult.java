package dev.lmqharness.broker.auth;

/**
 * The answer of QueryToken ({@link TokenService}): whether the token is valid now, its status, and its
 * record when the token is known on this instance ({@code null} otherwise).
 */
public record QueryTokenResult(boolean valid, TokenStatus status, TokenRecord record) {
}
