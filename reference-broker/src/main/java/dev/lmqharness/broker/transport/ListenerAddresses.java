package dev.lmqharness.broker.transport;

/** Formats listener addresses for messages and logs. */
public final class ListenerAddresses {

    private ListenerAddresses() {
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
