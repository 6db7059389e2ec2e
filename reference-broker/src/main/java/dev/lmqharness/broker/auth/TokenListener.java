package dev.lmqharness.broker.auth;

/**
 * Told when a token stops being valid, so the broker disconnects the live connections resting on
 * it ({@link TokenAuthenticator} Decision). Called on the thread that revoked the token or ran the expiry sweep;
 * keep it short (hand the disconnects to the sessions).
 */
@FunctionalInterface
public interface TokenListener {

    enum Reason { REVOKED, EXPIRED }

    void tokenEnded(String instanceId, String token, Reason reason);
}
