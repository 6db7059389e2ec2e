package dev.lmqharness.kit.client;

/**
 * The client library refused a request before anything was sent (e.g. a client ID or topic it
 * considers invalid). The broker's rule was then not exercised through this client: a finding
 * about the client, reported as such.
 */
public final class LocallyRefusedException extends RuntimeException {
    public LocallyRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
