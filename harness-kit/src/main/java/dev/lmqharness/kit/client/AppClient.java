package dev.lmqharness.kit.client;

import java.time.Duration;
import java.util.List;

/**
 * The small surface the tests need from an application MQTT client. Implementations log every call
 * and callback to the test's exchange log. Blocking calls wait at most the target's timeout.
 */
public interface AppClient extends AutoCloseable {

    ClientKind kind();

    String clientId();

    /** Connects; a refusal or a close without CONNACK is an outcome, not an exception. */
    ConnectOutcome connect(AppConnectOptions options);

    /** Subscribes and returns the SUBACK return codes (0x80 = failure). */
    List<Integer> subscribe(String filter, int qos);

    void unsubscribe(String filter);

    /** Publishes and waits until the QoS flow completed (QoS 0: until written). */
    void publish(String topic, byte[] payload, int qos, boolean retain);

    /** The next message handed to the application, or null if none arrives in time. */
    AppMessage nextMessage(Duration timeout);

    /** Every message received so far and not yet taken with {@link #nextMessage}. */
    List<AppMessage> drain();

    boolean isConnected();

    /** True once the client noticed the connection was lost (not after our own disconnect). */
    boolean awaitConnectionLost(Duration timeout);

    /** Graceful DISCONNECT. */
    void disconnect();

    @Override
    void close();
}
