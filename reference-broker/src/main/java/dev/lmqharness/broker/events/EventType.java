package dev.lmqharness.broker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** LMQ-EVT-1: the three status events of a connection, with their wire names. */
public enum EventType {
    /** The connection came online (CONNACK accepted). */
    CONNECT("connect"),
    /** The client sent DISCONNECT. */
    DISCONNECT("disconnect"),
    /** The TCP connection closed any other way: network loss, kick, keep-alive timeout, broker close. */
    TCPCLEAN("tcpclean");

    public static final String RULE = "LMQ-EVT-1";

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EventType fromWireName(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown eventType '" + name + "'; expected connect, disconnect or tcpclean");
    }

    /** The event for a closed connection: {@code disconnect} only if the client said DISCONNECT. */
    public static EventType forClose(boolean clientSentDisconnect) {
        return clientSentDisconnect ? DISCONNECT : TCPCLEAN;
    }
}
