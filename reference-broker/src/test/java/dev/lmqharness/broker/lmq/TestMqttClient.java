package dev.lmqharness.broker.lmq;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection of a real MQTT client library (HiveMQ or Paho), driven the same way by every
 * test, so a behaviour the application can see is checked through both. A new instance per
 * connection: {@link #connect} once, then {@link #disconnect} or {@link #close}.
 */
interface TestMqttClient extends AutoCloseable {

    ClientKind kind();

    /** The Client ID of the last {@link #connect}. */
    String clientId();

    /** Sends CONNECT and waits for the answer; a refusal is a result, not an exception. */
    ConnectResult connect(ConnectSpec spec);

    /** @return the SUBACK return code: the granted QoS, or 0x80 */
    int subscribe(String filter, int qos);

    void unsubscribe(String filter);

    /** Completes when the QoS flow completed (QoS0: when written). */
    CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos);

    default void publish(String topic, String payload, int qos) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    default void publish(String topic, byte[] payload, int qos) {
        try {
            publishAsync(topic, payload, qos).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(kind() + " publish to " + topic + " failed", e);
        }
    }

    Inbox inbox();

    boolean isConnected();

    /** Sends DISCONNECT and closes the connection. */
    void disconnect();

    /** Releases the client; disconnects gracefully if still connected. Never throws. */
    @Override
    void close();
}
