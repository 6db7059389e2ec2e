package dev.lmqharness.broker.store;

/** A store could not be opened or could not complete an operation; the message says which store and why. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
