package dev.lmqharness.broker.transport;

/** The TLS listeners cannot get a certificate; the message names the config key and the file. */
public final class TlsSetupException extends RuntimeException {

    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
