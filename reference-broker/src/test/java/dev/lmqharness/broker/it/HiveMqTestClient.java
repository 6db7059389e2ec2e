package dev.lmqharness.broker.it;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;

import javax.net.ssl.TrustManagerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link TestClient} over the HiveMQ MQTT client (async API, MQTT 3.1.1). Each connect uses a new
 * HiveMQ client instance: the library ends its global publish flows when a session ends, so a
 * reused instance would silently drop messages after a clean-session reconnect.
 */
final class HiveMqTestClient implements TestClient {

    private final Supplier<Mqtt3AsyncClient> factory;
    private final Inbox inbox = new Inbox();
    private volatile Mqtt3AsyncClient client;

    HiveMqTestClient(Endpoint endpoint, String clientId) {
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(endpoint.host()).serverPort(endpoint.port());
        if (endpoint.transport().secure()) {
            TrustManagerFactory tmf = endpoint.trust() != null ? endpoint.trust() : TrustAll.factory();
            b = b.sslConfig().trustManagerFactory(tmf)
                    // a configured certificate is checked for the host; the generated one carries no 127.0.0.1 name
                    .hostnameVerifier(endpoint.trust() != null ? null : (host, session) -> true)
                    .applySslConfig();
        }
        if (endpoint.transport().websocket()) {
            b = b.webSocketConfig().serverPath(endpoint.wsPath().substring(1)).subprotocol("mqtt").applyWebSocketConfig();
        }
        Mqtt3ClientBuilder builder = b;
        factory = () -> {
            Mqtt3AsyncClient c = builder.buildAsync();
            // Registered before CONNECT so messages of a resumed session, sent right after CONNACK, are seen too.
            c.publishes(MqttGlobalPublishFilter.ALL, this::onPublish);
            return c;
        };
        client = factory.get();
    }

    private void onPublish(Mqtt3Publish p) {
        inbox.add(new Received(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain()));
    }

    @Override
    public boolean connect(ConnectOptions o) {
        if (client.getState() != com.hivemq.client.mqtt.MqttClientState.DISCONNECTED) {
            throw new IllegalStateException("already connected");
        }
        client = factory.get();
        Mqtt3ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck>> c =
                client.connectWith().cleanSession(o.cleanSession()).keepAlive(o.keepAliveSeconds());
        if (o.will() != null) {
            c = c.willPublish().topic(o.will().topic()).payload(o.will().payload())
                    .qos(MqttQos.fromCode(o.will().qos())).retain(o.will().retain()).applyWillPublish();
        }
        try {
            return c.send().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isSessionPresent();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt3ConnAckException refused) {
                throw new ConnectRefused(refused.getMqttMessage().getReturnCode().getCode(), refused);
            }
            if (e.getCause() instanceof ConnectionClosedException || e.getCause() instanceof ConnectionFailedException) {
                throw new ConnectRefused(-1, e.getCause());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("connect did not complete", e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            Mqtt3SubAck ack = client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return ack.getReturnCodes().get(0).getCode();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt3SubAckException failed) {
                return failed.getMqttMessage().getReturnCodes().get(0).getCode();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("subscribe did not complete", e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        client.unsubscribeWith().topicFilter(filter).send().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).retain(retain).send()
                .thenApply(r -> null);
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void disconnect() {
        client.disconnect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (client.getState().isConnectedOrReconnect()) {
            try {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | CompletionException ignored) {
                // already gone
            }
        }
    }
}
