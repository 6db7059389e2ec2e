package dev.lmqharness.broker.auth;

/** What QueryToken says about a token ({@link TokenService}). */
public enum TokenStatus {
    VALID, EXPIRED, REVOKED, UNKNOWN
}
