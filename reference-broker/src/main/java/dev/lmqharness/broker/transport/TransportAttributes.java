package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.Transport;
import io.netty.util.AttributeKey;

/** Channel attributes the transport sets before the MQTT handlers run. */
public final class TransportAttributes {

    /** The listener kind that accepted the connection (for logs, events and per-transport rules). */
    public static final AttributeKey<Transport> TRANSPORT = AttributeKey.valueOf("lmq.transport");

    private TransportAttributes() {
    }
}
