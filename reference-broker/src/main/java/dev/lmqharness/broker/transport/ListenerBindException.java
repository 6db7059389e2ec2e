package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.Transport;

import java.util.Locale;

/** A listener could not be bound (port in use, address not local, no permission). */
public final class ListenerBindException extends RuntimeException {

    private final Transport transport;
    private final String host;
    private final int port;

    public ListenerBindException(Transport transport, String host, int port, Throwable cause) {
        super("cannot bind the " + transport.name().toLowerCase(Locale.ROOT) + " listener to "
                + ListenerAddresses.hostPort(host, port) + ": " + describe(cause), cause);
        this.transport = transport;
        this.host = host;
        this.port = port;
    }

    public Transport transport() {
        return transport;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String m = cause.getMessage();
        return m == null ? cause.getClass().getSimpleName() : m;
    }
}
