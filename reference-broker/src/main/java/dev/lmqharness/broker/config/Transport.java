package dev.lmqharness.broker.config;

/** The four listener kinds of LMQ-NET-1. */
public enum Transport {
    TCP, TLS, WS, WSS;

    public boolean secure() {
        return this == TLS || this == WSS;
    }

    public boolean websocket() {
        return this == WS || this == WSS;
    }
}
