package dev.lmqharness.broker.auth;

/** What QueryToken says about a token (LMQ-TOKEN-2). */
public enum TokenStatus {
    VALID, EXPIRED, REVOKED, UNKNOWN
}
