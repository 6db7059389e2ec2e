package dev.lmqharness.broker.transport;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.Transport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real HiveMQ and Paho clients connect over each of the four transports to one listener group
 * whose MQTT layer is the test installer; payloads beyond 64 KB cross every transport whole.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportConnectTest {

    @TempDir
    static Path dataDir;

    private static PingPongMqttInstaller mqtt;
    private static ListenerGroup listeners;
    private static Map<Transport, Integer> ports;
    private static X509Certificate serverCert;

    @BeforeAll
    static void start() {
        BrokerConfig config = TestConfigs.ephemeral(Transport.values());
        mqtt = new PingPongMqttInstaller(config.mqtt().maxFrameBytes());
        listeners = new ListenerGroup(config, mqtt, dataDir, 2);
        ports = listeners.start();
        serverCert = listeners.serverCertificate().orElseThrow().certificate();
    }

    @AfterAll
    static void stop() {
        if (listeners != null) {
            listeners.close();
        }
    }

    @BeforeEach
    void clear() {
        mqtt.reset();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hivemqConnectsAndPings(Transport transport) throws Exception {
        Mqtt3BlockingClient client = TestClients.hivemq(transport, ports.get(transport), serverCert);
        try {
            var connAck = client.connectWith().keepAlive(1).cleanSession(true).send();
            assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            assertThat(mqtt.connects.get()).isEqualTo(1);
            // keep-alive 1 s: the client pings when idle and stays connected only if PINGRESP comes back
            await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.pings.get() >= 2);
            assertThat(client.getState().isConnected()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pahoConnects(Transport transport) throws Exception {
        var client = TestClients.paho(transport, ports.get(transport));
        try {
            client.connect(TestClients.pahoOptions(transport, serverCert));
            assertThat(client.isConnected()).isTrue();
            assertThat(mqtt.connects.get()).isEqualTo(1);
            client.disconnect();
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hivemqCarriesLargePayloadBothWays(Transport transport) throws Exception {
        byte[] payload = randomBytes(64 * 1024 + 1000);
        Mqtt3BlockingClient client = TestClients.hivemq(transport, ports.get(transport), serverCert);
        try (Mqtt3BlockingClient.Mqtt3Publishes echoes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.connectWith().cleanSession(true).send();
            client.publishWith().topic("big/hivemq").qos(MqttQos.AT_MOST_ONCE).payload(payload).send();

            await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.payloads.size() == 1);
            assertThat(mqtt.payloads.get(0)).isEqualTo(payload);
            Optional<Mqtt3Publish> echo = echoes.receive(10, TimeUnit.SECONDS);
            assertThat(echo).isPresent();
            assertThat(echo.get().getPayloadAsBytes()).isEqualTo(payload);
        } finally {
            client.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"WS", "WSS"})
    void pahoCarriesLargePayloadThroughWebSocketFrames(Transport transport) throws Exception {
        byte[] payload = randomBytes(200_000);
        BlockingQueue<byte[]> echoes = new ArrayBlockingQueue<>(4);
        var client = TestClients.paho(transport, ports.get(transport));
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                echoes.add(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        try {
            client.connect(TestClients.pahoOptions(transport, serverCert));
            client.publish("big/paho", payload, 0, false);

            await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.payloads.size() == 1);
            assertThat(mqtt.payloads.get(0)).isEqualTo(payload);
            assertThat(echoes.poll(10, TimeUnit.SECONDS)).isEqualTo(payload);
            client.disconnect();
        } finally {
            client.close();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
