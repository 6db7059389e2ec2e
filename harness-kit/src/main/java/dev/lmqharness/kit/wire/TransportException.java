package dev.lmqharness.kit.wire;

/** The network connection could not be made; the message is one line naming the endpoint. */
public final class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }
}
