package dev.lmqharness.broker.transport;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import dev.lmqharness.broker.config.Transport;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.security.cert.X509Certificate;
import java.util.UUID;

/** Builds HiveMQ and Paho clients for one of the four transports. */
final class TestClients {

    private TestClients() {
    }

    static Mqtt3BlockingClient hivemq(Transport transport, int port, X509Certificate trusted) throws Exception {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
                .identifier("hive-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost("127.0.0.1")
                .serverPort(port);
        if (transport.secure()) {
            builder = builder.sslConfig().trustManagerFactory(TestTls.trusting(trusted)).applySslConfig();
        }
        if (transport.websocket()) {
            builder = builder.webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
        }
        return builder.buildBlocking();
    }

    static String pahoUri(Transport transport, int port) {
        return switch (transport) {
            case TCP -> "tcp://127.0.0.1:" + port;
            case TLS -> "ssl://127.0.0.1:" + port;
            case WS -> "ws://127.0.0.1:" + port + "/mqtt";
            case WSS -> "wss://127.0.0.1:" + port + "/mqtt";
        };
    }

    static org.eclipse.paho.client.mqttv3.MqttClient paho(Transport transport, int port) throws Exception {
        var client = new org.eclipse.paho.client.mqttv3.MqttClient(pahoUri(transport, port),
                "paho-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.setTimeToWait(10_000); // a lost connection fails the call instead of blocking it
        return client;
    }

    static MqttConnectOptions pahoOptions(Transport transport, X509Certificate trusted) throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        if (transport.secure()) {
            options.setSocketFactory(TestTls.sslContextTrusting(trusted).getSocketFactory());
        }
        return options;
    }
}
