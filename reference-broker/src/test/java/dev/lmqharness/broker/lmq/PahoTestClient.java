package dev.lmqharness.broker.lmq;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** {@link TestMqttClient} over Eclipse Paho's asynchronous MQTT v3 client. */
final class PahoTestClient implements TestMqttClient {

    private static final long WAIT_MILLIS = 10_000;

    private final Endpoint endpoint;
    private final Inbox inbox = new Inbox();
    private String clientId;
    private MqttAsyncClient client;

    PahoTestClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ClientKind kind() {
        return ClientKind.PAHO;
    }

    @Override
    public ConnectResult connect(ConnectSpec spec) {
        clientId = spec.clientId();
        try {
            client = new MqttAsyncClient(endpoint.pahoUri(), spec.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new AssertionError("Paho refused to build a client for " + spec.clientId(), e);
        }
        client.setManualAcks(spec.manualAcks());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                MqttAsyncClient c = client;
                inbox.add(new Received(topic, message.getPayload(), message.getQos(), spec.manualAcks()
                        ? Received.once(() -> ackQuietly(c, message)) : () -> {
                        }));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(spec.cleanSession());
        o.setKeepAliveInterval(spec.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        o.setMaxInflight(1000);
        if (spec.username() != null) {
            o.setUserName(spec.username());
        }
        if (spec.password() != null) {
            o.setPassword(new String(spec.password(), StandardCharsets.UTF_8).toCharArray());
        }
        if (endpoint.transport().secure()) {
            o.setSocketFactory(TestTrust.sslContext(endpoint.trusted()).getSocketFactory());
        }
        try {
            IMqttToken t = client.connect(o);
            t.waitForCompletion(WAIT_MILLIS);
            return new ConnectResult(0, t.getSessionPresent());
        } catch (MqttException e) {
            int code = e.getReasonCode();
            return new ConnectResult(code >= 1 && code <= 5 ? code : ConnectResult.NO_CONNACK, false);
        }
    }

    private static void ackQuietly(MqttAsyncClient c, MqttMessage m) {
        try {
            c.messageArrivedComplete(m.getId(), m.getQos());
        } catch (MqttException e) {
            throw new AssertionError("Paho could not acknowledge message " + m.getId(), e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            IMqttToken t = client.subscribe(filter, qos);
            t.waitForCompletion(WAIT_MILLIS);
            return t.getGrantedQos()[0];
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                return 0x80;
            }
            throw new AssertionError("Paho SUBSCRIBE " + filter + " failed", e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        try {
            client.unsubscribe(filter).waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            throw new AssertionError("Paho UNSUBSCRIBE " + filter + " failed", e);
        }
    }

    @Override
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken asyncActionToken) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken asyncActionToken, Throwable exception) {
                    done.completeExceptionally(exception);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    @Override
    public void disconnect() {
        try {
            client.disconnect().waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            throw new AssertionError("Paho DISCONNECT failed", e);
        }
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(5_000);
            }
        } catch (MqttException ignored) {
            // cleanup only
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // cleanup only
        }
    }

    @Override
    public String toString() {
        return "Paho client " + clientId;
    }
}
