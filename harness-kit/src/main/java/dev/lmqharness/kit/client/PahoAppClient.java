package dev.lmqharness.kit.client;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.wire.ExchangeLog;
import dev.lmqharness.kit.wire.PacketFormat;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link AppClient} over Eclipse Paho (mqttv3 asynchronous client, in-memory persistence). */
final class PahoAppClient extends AbstractAppClient {
    private final MqttAsyncClient client;
    private final BrokerAddress endpoint;
    private final TrustManagerFactory trust;

    PahoAppClient(BrokerAddress ep, String clientId, ExchangeLog log, String label, Duration timeout, TrustManagerFactory trust) {
        super(ClientKind.PAHO, clientId, log, label, timeout);
        this.endpoint = ep;
        this.trust = trust;
        String uri = ep.scheme().prefix() + "://" + ep.host() + ":" + ep.port() + (ep.path() == null ? "" : ep.path());
        try {
            client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw refusedLocally("client ID '" + clientId + "'", e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.record(label, "app", "connectionLost: " + cause);
                markConnectionLost();
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received(new AppMessage(topic, m.getPayload(), m.getQos(), m.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // completion is awaited on the token itself
            }
        });
    }

    @Override
    public ConnectOutcome connect(AppConnectOptions o) {
        MqttConnectOptions opts = new MqttConnectOptions();
        opts.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        opts.setCleanSession(o.cleanSession());
        opts.setKeepAliveInterval(o.keepAliveSeconds());
        opts.setAutomaticReconnect(false);
        opts.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        opts.setMaxInflight(1000);
        if (o.credentials() != null && o.credentials().present()) {
            opts.setUserName(o.credentials().username());
            if (o.credentials().password() != null) {
                opts.setPassword(new String(o.credentials().password(), StandardCharsets.UTF_8).toCharArray());
            }
        }
        if (o.will() != null) {
            try {
                opts.setWill(o.will().topic(), o.will().payload(), o.will().qos(), o.will().retain());
            } catch (IllegalArgumentException e) {
                throw refusedLocally("will topic '" + o.will().topic() + "'", e);
            }
        }
        if (endpoint.scheme().secure()) {
            opts.setSocketFactory((trust == null ? trustAll() : trusting(trust)).getSocketFactory());
            opts.setHttpsHostnameVerificationEnabled(trust != null);
        }
        ConnectOutcome outcome;
        try {
            IMqttToken t = client.connect(opts);
            t.waitForCompletion(timeout.toMillis() + 1000);
            outcome = ConnectOutcome.accepted(t.getSessionPresent());
        } catch (MqttException e) {
            int rc = e.getReasonCode();
            if (rc >= 1 && rc <= 255) {
                outcome = ConnectOutcome.refused(rc, e.toString());
            } else if (rc == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                throw new AssertionError(label + ": connect did not complete within " + timeout.toMillis() + " ms");
            } else {
                outcome = ConnectOutcome.closed(e.toString());
            }
        } catch (IllegalArgumentException e) {
            throw refusedLocally("the connect options", e);
        }
        log.record(label, "app", "connect(cleanSession=" + o.cleanSession() + ", keepAlive=" + o.keepAliveSeconds()
                + (o.will() != null ? ", will" : "") + ") -> " + outcome);
        return outcome;
    }

    @Override
    public List<Integer> subscribe(String filter, int qos) {
        List<Integer> codes = new ArrayList<>();
        try {
            IMqttToken t = client.subscribe(filter, qos);
            t.waitForCompletion(timeout.toMillis());
            for (int g : t.getGrantedQos()) {
                codes.add(g);
            }
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                codes.add(0x80);
            } else {
                throw new AssertionError(label + ": subscribe failed: " + e, e);
            }
        } catch (IllegalArgumentException e) {
            throw refusedLocally("topic filter '" + filter + "'", e);
        }
        log.record(label, "app", "subscribe(" + filter + ", qos=" + qos + ") -> " + hex(codes));
        return codes;
    }

    @Override
    public void unsubscribe(String filter) {
        log.record(label, "app", "unsubscribe(" + filter + ")");
        try {
            client.unsubscribe(filter).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new AssertionError(label + ": unsubscribe failed: " + e, e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        log.record(label, "app", "publish(" + topic + ", qos=" + qos + ", retain=" + retain + ", " + PacketFormat.preview(payload) + ")");
        try {
            client.publish(topic, payload, qos, retain).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new AssertionError(label + ": publish failed: " + e, e);
        } catch (IllegalArgumentException e) {
            throw refusedLocally("topic '" + topic + "'", e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void disconnect() {
        log.record(label, "app", "disconnect()");
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            throw new AssertionError(label + ": disconnect failed: " + e, e);
        }
    }

    @Override
    public void close() {
        // A plain DISCONNECT completes once written; disconnectForcibly(…, true) would wait its whole
        // timeout for a token the server's close never completes (1 s per client, per test).
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(1000);
            }
        } catch (MqttException e) {
            // closing is best effort: the connection may already be gone
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 0, false);
            }
        } catch (MqttException e) {
            // same
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // same
        }
    }

    private static SSLContext trusting(TrustManagerFactory tmf) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // test targets: any certificate is accepted
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // test targets: any certificate is accepted
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
