package dev.lmqharness.broker.lmq;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** {@link TestMqttClient} over the HiveMQ MQTT client (MQTT 3 API, async flavour). */
final class HiveMqTestClient implements TestMqttClient {

    private final Endpoint endpoint;
    private final Inbox inbox = new Inbox();
    private String clientId;
    private Mqtt3AsyncClient client;

    HiveMqTestClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ClientKind kind() {
        return ClientKind.HIVEMQ;
    }

    @Override
    public ConnectResult connect(ConnectSpec spec) {
        clientId = spec.clientId();
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3()
                .identifier(spec.clientId())
                .serverHost("127.0.0.1")
                .serverPort(endpoint.port());
        if (endpoint.transport().secure()) {
            b = b.sslConfig().trustManagerFactory(TestTrust.trusting(endpoint.trusted())).applySslConfig();
        }
        if (endpoint.transport().websocket()) {
            b = b.webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
        }
        client = b.buildAsync();
        // Registered before CONNECT so messages the broker sends right after CONNACK are not missed.
        client.publishes(MqttGlobalPublishFilter.ALL, p -> inbox.add(new Received(p.getTopic().toString(),
                p.getPayloadAsBytes(), p.getQos().getCode(), spec.manualAcks() ? Received.once(p::acknowledge) : () -> {
                })), spec.manualAcks());
        Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect = client.connectWith()
                .cleanSession(spec.cleanSession())
                .keepAlive(spec.keepAliveSeconds());
        if (spec.username() != null) {
            var auth = connect.simpleAuth().username(spec.username());
            connect = (spec.password() != null ? auth.password(spec.password()) : auth).applySimpleAuth();
        }
        try {
            Mqtt3ConnAck ack = connect.send().get(10, TimeUnit.SECONDS);
            return new ConnectResult(ack.getReturnCode().getCode(), ack.isSessionPresent());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt3ConnAckException refused) {
                return new ConnectResult(refused.getMqttMessage().getReturnCode().getCode(), false);
            }
            return new ConnectResult(ConnectResult.NO_CONNACK, false);
        } catch (Exception e) {
            throw new AssertionError("HiveMQ CONNECT of " + spec.clientId() + " got no answer", e);
        }
    }

    @Override
    public int subscribe(String filter, int qos) {
        try {
            Mqtt3SubAck ack = client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                    .get(10, TimeUnit.SECONDS);
            return ack.getReturnCodes().get(0).getCode();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt3SubAckException refused) {
                return refused.getMqttMessage().getReturnCodes().get(0).getCode();
            }
            throw new AssertionError("HiveMQ SUBSCRIBE " + filter + " failed", e);
        } catch (Exception e) {
            throw new AssertionError("HiveMQ SUBSCRIBE " + filter + " got no answer", e);
        }
    }

    @Override
    public void unsubscribe(String filter) {
        try {
            client.unsubscribeWith().topicFilter(filter).send().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("HiveMQ UNSUBSCRIBE " + filter + " failed", e);
        }
    }

    @Override
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload, int qos) {
        return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send()
                .thenApply(p -> null);
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
        return client != null && client.getState().isConnected();
    }

    @Override
    public void disconnect() {
        try {
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("HiveMQ DISCONNECT failed", e);
        }
    }

    @Override
    public void close() {
        if (isConnected()) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // cleanup only: the broker may have closed the connection meanwhile
            }
        }
    }

    @Override
    public String toString() {
        return "HiveMQ client " + clientId;
    }
}
