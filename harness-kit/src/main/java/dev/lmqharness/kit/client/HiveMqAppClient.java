package dev.lmqharness.kit.client;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.wire.ExchangeLog;
import dev.lmqharness.kit.wire.PacketFormat;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.TrustManagerFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link AppClient} over the HiveMQ MQTT client (MQTT 3 API, asynchronous calls with timeouts). */
final class HiveMqAppClient extends AbstractAppClient {
    private final java.util.function.Supplier<Mqtt3AsyncClient> factory;
    private volatile Mqtt3AsyncClient client;

    HiveMqAppClient(BrokerAddress ep, String clientId, ExchangeLog log, String label, Duration timeout, TrustManagerFactory trust) {
        super(ClientKind.HIVEMQ, clientId, log, label, timeout);
        Mqtt3ClientBuilder b;
        try {
            b = MqttClient.builder().useMqttVersion3().identifier(clientId)
                    .serverHost(ep.host()).serverPort(ep.port());
        } catch (IllegalArgumentException e) {
            throw refusedLocally("client ID '" + clientId + "'", e);
        }
        if (ep.scheme().secure() && trust == null) {
            b = b.sslConfig().trustManagerFactory(InsecureTrustManagerFactory.INSTANCE)
                    .hostnameVerifier((host, session) -> true).applySslConfig();
        } else if (ep.scheme().secure()) {
            b = b.sslConfig().trustManagerFactory(trust).applySslConfig();   // HiveMQ's default host-name check stays on
        }
        if (ep.scheme().websocket()) {
            b = b.webSocketConfig().serverPath(ep.path()).subprotocol("mqtt").applyWebSocketConfig();
        }
        Mqtt3ClientBuilder builder = b.addDisconnectedListener(this::onDisconnected);
        // A fresh client object per connect: HiveMQ ends the global publish flow when a session
        // ends, so the callback is registered anew before every CONNECT.
        factory = () -> {
            Mqtt3AsyncClient c = builder.buildAsync();
            c.publishes(MqttGlobalPublishFilter.ALL, p -> received(new AppMessage(p.getTopic().toString(),
                    p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain())));
            return c;
        };
        client = factory.get();
    }

    private void onDisconnected(MqttClientDisconnectedContext ctx) {
        if (ctx.getSource() != MqttDisconnectSource.USER) {
            log.record(label, "app", "disconnected (" + ctx.getSource() + "): " + ctx.getCause().getMessage());
            markConnectionLost();
        }
    }

    @Override
    public ConnectOutcome connect(AppConnectOptions o) {
        if (client.getState() != com.hivemq.client.mqtt.MqttClientState.DISCONNECTED) {
            close();
        }
        client = factory.get();
        Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> c = client.connectWith()
                .cleanSession(o.cleanSession()).keepAlive(o.keepAliveSeconds());
        if (o.credentials() != null && o.credentials().present()) {
            var auth = c.simpleAuth().username(o.credentials().username());
            if (o.credentials().password() != null) {
                auth = auth.password(o.credentials().password());
            }
            c = auth.applySimpleAuth();
        }
        if (o.will() != null) {
            try {
                c = c.willPublish().topic(o.will().topic()).payload(o.will().payload())
                        .qos(MqttQos.fromCode(o.will().qos())).retain(o.will().retain()).applyWillPublish();
            } catch (IllegalArgumentException e) {
                throw refusedLocally("will topic '" + o.will().topic() + "'", e);
            }
        }
        ConnectOutcome outcome;
        try {
            Mqtt3ConnAck ack = c.send().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            outcome = ConnectOutcome.accepted(ack.isSessionPresent());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt3ConnAckException ack) {
                outcome = ConnectOutcome.refused(ack.getMqttMessage().getReturnCode().getCode(), e.getCause().getMessage());
            } else {
                outcome = ConnectOutcome.closed(String.valueOf(e.getCause()));
            }
        } catch (TimeoutException e) {
            throw new AssertionError(label + ": connect did not complete within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        log.record(label, "app", "connect(cleanSession=" + o.cleanSession() + ", keepAlive=" + o.keepAliveSeconds()
                + (o.will() != null ? ", will" : "") + ") -> " + outcome);
        return outcome;
    }

    @Override
    public List<Integer> subscribe(String filter, int qos) {
        CompletableFuture<Mqtt3SubAck> f;
        try {
            f = client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send();
        } catch (IllegalArgumentException e) {
            throw refusedLocally("topic filter '" + filter + "'", e);
        }
        List<Integer> codes;
        try {
            codes = codes(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt3SubAckException s) {
                codes = codes(s.getMqttMessage());
            } else {
                throw new AssertionError(label + ": subscribe failed: " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new AssertionError(label + ": no SUBACK within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        log.record(label, "app", "subscribe(" + filter + ", qos=" + qos + ") -> " + hex(codes));
        return codes;
    }

    private static List<Integer> codes(Mqtt3SubAck ack) {
        return ack.getReturnCodes().stream().map(Mqtt3SubAckReturnCode::getCode).toList();
    }

    @Override
    public void unsubscribe(String filter) {
        log.record(label, "app", "unsubscribe(" + filter + ")");
        await(client.unsubscribeWith().topicFilter(filter).send(), "unsubscribe");
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        log.record(label, "app", "publish(" + topic + ", qos=" + qos + ", retain=" + retain + ", " + PacketFormat.preview(payload) + ")");
        CompletableFuture<?> f;
        try {
            f = client.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).retain(retain).send();
        } catch (IllegalArgumentException e) {
            throw refusedLocally("topic '" + topic + "'", e);
        }
        await(f, "publish");
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void disconnect() {
        log.record(label, "app", "disconnect()");
        if (client.getState().isConnected()) {
            await(client.disconnect(), "disconnect");
        }
    }

    @Override
    public void close() {
        if (client.getState().isConnectedOrReconnect()) {
            try {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing is best effort: the connection may already be gone
            }
        }
    }

    private void await(CompletableFuture<?> f, String what) {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(label + ": " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(label + ": " + what + " did not complete within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
