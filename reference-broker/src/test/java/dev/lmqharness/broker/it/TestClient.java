package dev.lmqharness.broker.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What an application sees of an MQTT 3.1.1 client, implemented over the HiveMQ and the Paho
 * client so that each behaviour is checked with both. Blocking calls wait at most {@link #TIMEOUT}.
 */
interface TestClient extends AutoCloseable {

    Duration TIMEOUT = Duration.ofSeconds(10);

    /** Connects; returns the CONNACK session-present flag. A refusal throws {@link ConnectRefused}. */
    boolean connect(ConnectOptions options);

    default boolean connect(boolean cleanSession) {
        return connect(ConnectOptions.clean(cleanSession));
    }

    /** Returns the SUBACK return code: the granted QoS or 0x80. */
    int subscribe(String filter, int qos);

    void unsubscribe(String filter);

    /** Publishes and waits for the QoS flow to complete (PUBACK for 1, PUBCOMP for 2). */
    default void publish(String topic, String payload, int qos, boolean retain) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    default void publish(String topic, byte[] payload, int qos, boolean retain) {
        publishAsync(topic, payload, qos, retain).orTimeout(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    /** Completes when the QoS flow completes; fails when the connection is lost first. */
    CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos, boolean retain);

    /** Every message the client received, in arrival order. */
    Inbox inbox();

    boolean isConnected();

    /** A graceful DISCONNECT. */
    void disconnect();

    /** Disconnects if needed and releases the client's threads. */
    @Override
    void close();

    record Will(String topic, byte[] payload, int qos, boolean retain) {
    }

    record ConnectOptions(boolean cleanSession, int keepAliveSeconds, Will will) {
        static ConnectOptions clean(boolean cleanSession) {
            return new ConnectOptions(cleanSession, 60, null);
        }

        ConnectOptions withWill(Will w) {
            return new ConnectOptions(cleanSession, keepAliveSeconds, w);
        }
    }

    /** The broker answered CONNECT with a non-zero return code, or closed the connection (code -1). */
    final class ConnectRefused extends RuntimeException {
        final int returnCode;

        ConnectRefused(int returnCode, Throwable cause) {
            super("connect refused, return code " + returnCode, cause);
            this.returnCode = returnCode;
        }
    }
}
