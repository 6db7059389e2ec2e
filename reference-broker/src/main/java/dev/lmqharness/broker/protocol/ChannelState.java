package dev.lmqharness.broker.protocol;

import io.netty.util.AttributeKey;

/** What one channel knows of its MQTT connection. Touched only on the channel's event loop. */
final class ChannelState {

    static final AttributeKey<ChannelState> KEY = AttributeKey.valueOf("lmq.channelState");

    final ChannelConnection connection;
    /** Set once a CONNECT was accepted for processing; packets are then forwarded to this client's session. */
    String clientId;
    /** The client sent DISCONNECT: no will, a clean close. */
    boolean disconnectReceived;

    ChannelState(ChannelConnection connection) {
        this.connection = connection;
    }

    boolean connected() {
        return clientId != null;
    }
}
