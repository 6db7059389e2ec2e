package dev.lmqharness.broker.it;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.concurrent.CompletableFuture;

/** {@link TestClient} over the Eclipse Paho MQTT v3 client (async API). */
final class PahoTestClient implements TestClient {

    private final Endpoint endpoint;
    private final MqttAsyncClient client;
    private final Inbox inbox = new Inbox();

    PahoTestClient(Endpoint endpoint, String clientId) {
        this.endpoint = endpoint;
        try {
            client = new MqttAsyncClient(endpoint.uri(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                inbox.add(new Received(topic, m.getPayload(), m.getQos(), m.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    @Override
    public boolean connect(ConnectOptions o) {
        MqttConnectOptions opts = new MqttConnectOptions();
        opts.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        opts.setCleanSession(o.cleanSession());
        opts.setKeepAliveInterval(o.keepAliveSeconds());
        opts.setConnectionTimeout((int) TIMEOUT.toSeconds());
        opts.setAutomaticReconnect(false);
        opts.setMaxInflight(1000);
        if (o.will() != null) {
            opts.setWill(o.will().topic(), o.will().payload(), o.will().qos(), o.will().retain());
        }
        if (endpoint.transport().secure()) {
            opts.setSocketFactory(TrustAll.context(endpoint.trust()).getSocketFactory());
            // a configured certificate is checked for the host; the generated one carries no 127.0.0.1 name
            opts.setHttpsHostnameVerificationEnabled(endpoint.trust() != null);
        }
        try {
            IMqttToken t = client.connect(opts);
            t.waitForCompletion(TIMEOUT.toMillis());
            return t.getSessionPresent();
        } catch (MqttException e) {
            int code = e.getReasonCode();
            // Paho reports a CONNACK refusal by its return code (1..5); anything else means no CONNACK
            throw new ConnectRefused(code >= 1 && code <= 5 ? code : -1, e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            IMqttToken t = client.subscribe(filter, qos);
            t.waitForCompletion(TIMEOUT.toMillis());
            return t.getGrantedQos()[0];
        } catch (MqttException e) {
            if (e.getReasonCode() == 0x80) {
                return 0x80;
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        try {
            client.unsubscribe(filter).waitForCompletion(TIMEOUT.toMillis());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos, boolean retain) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retain);
        try {
            client.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void disconnect() {
        try {
            client.disconnect(TIMEOUT.toMillis()).waitForCompletion(TIMEOUT.toMillis());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException ignored) {
            // already gone
        }
        try {
            client.disconnectForcibly(0, 500, false);
        } catch (MqttException ignored) {
            // not connected
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // best effort: the threads end with the client
        }
    }
}
