package dev.lmqharness.broker.session;

/** The will of a connection, published if it ends without DISCONNECT (MQTT-3.1.2-8). */
public record WillMessage(String topic, int qos, boolean retain, byte[] payload) {
}
