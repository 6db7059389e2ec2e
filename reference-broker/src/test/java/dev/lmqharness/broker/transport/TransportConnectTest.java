package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kit's HiveMQ and Paho clients connect over each of the four transports to one listener group
 * whose MQTT layer is the test installer; payloads beyond 64 KB cross every transport whole. Over
 * TLS the clients trust exactly the listener's certificate and check the host name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportConnectTest {

    @TempDir
    static Path dataDir;

    private static PingPongMqttInstaller mqtt;
    private static ListenerGroup listeners;
    private static Map<Transport, Integer> ports;
    private static TrustManagerFactory trust;

    @BeforeAll
    static void start() throws Exception {
        BrokerConfig config = TestConfigs.ephemeral(Transport.values());
        mqtt = new PingPongMqttInstaller(config.mqtt().maxFrameBytes());
        listeners = new ListenerGroup(config, mqtt, dataDir, 2);
        ports = listeners.start();
        trust = TestTls.trusting(listeners.serverCertificate().orElseThrow().certificate());
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

    private static AppClient client(ClientKind kind, Transport transport) {
        BrokerAddress ep = BrokerAddress.loopback(KitClients.scheme(transport), ports.get(transport));
        return KitClients.app(kind, ep, kind.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8), trust);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hivemqConnectsAndPings(Transport transport) {
        try (AppClient client = client(ClientKind.HIVEMQ, transport)) {
            // keep-alive 1 s: the client pings when idle and stays connected only if PINGRESP comes back
            assertThat(client.connect(new AppConnectOptions(true, 1, UserPass.NONE, null)).accepted()).isTrue();
            assertThat(mqtt.connects.get()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.pings.get() >= 2);
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pahoConnects(Transport transport) {
        try (AppClient client = client(ClientKind.PAHO, transport)) {
            KitClients.connect(client, true);
            assertThat(client.isConnected()).isTrue();
            assertThat(mqtt.connects.get()).isEqualTo(1);
            client.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hivemqCarriesLargePayloadBothWays(Transport transport) {
        assertEchoed(ClientKind.HIVEMQ, transport, randomBytes(64 * 1024 + 1000), "big/hivemq");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"WS", "WSS"})
    void pahoCarriesLargePayloadThroughWebSocketFrames(Transport transport) {
        assertEchoed(ClientKind.PAHO, transport, randomBytes(200_000), "big/paho");
    }

    /** The installer records what it received and echoes it back: both directions carry the payload whole. */
    private static void assertEchoed(ClientKind kind, Transport transport, byte[] payload, String topic) {
        try (AppClient client = client(kind, transport)) {
            KitClients.connect(client, true);
            client.publish(topic, payload, 0, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> mqtt.payloads.size() == 1);
            assertThat(mqtt.payloads.get(0)).isEqualTo(payload);
            AppMessage echo = KitClients.next(client);
            assertThat(echo.payload()).isEqualTo(payload);
            client.disconnect();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
