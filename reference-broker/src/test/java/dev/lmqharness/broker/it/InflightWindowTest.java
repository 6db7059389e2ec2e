package dev.lmqharness.broker.it;

import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's configured in-flight window (maxInflight): a setting of this broker, not a rule any
 * broker must follow, so it is checked here and not in the conformance suite.
 */
@Timeout(30)
@DisplayName("Configured in-flight window per client")
class InflightWindowTest {

    static final int WINDOW = 4;

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp().withConfig(c -> {
        MqttConfig m = c.mqtt();
        return c.withMqtt(new MqttConfig(m.maxFrameBytes(), WINDOW, m.keepAliveFactor(), m.maxQueuedPerSession(),
                m.sessionThreads(), m.connectTimeoutSeconds()));
    });

    private void publishQos1(String topic, int n) {
        AppClient pub = broker.connected(ClientKind.HIVEMQ, "pub-" + topic.replace('/', '-'), true);
        for (int i = 0; i < n; i++) {
            pub.publish(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
    }

    private static List<String> texts(RawMqttClient c, int n, List<MqttPublishMessage> into) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MqttPublishMessage p = c.expectPublish(TIMEOUT);
            into.add(p);
            out.add(new String(RawMqttClient.payloadOf(p), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    @DisplayName("At most maxInflight unacknowledged QoS 1 messages per client; each PUBACK lets one more go, in order")
    void windowLimitsUnacknowledgedMessagesPerClient() {
        RawMqttClient a = broker.rawConnected("a", true);
        RawMqttClient b = broker.rawConnected("b", true);
        a.subscribe("w", 1, TIMEOUT);
        b.subscribe("w", 1, TIMEOUT);
        publishQos1("w", 10); // every PUBACK came back: all ten are queued for both subscribers

        List<MqttPublishMessage> firstA = new ArrayList<>();
        assertThat(texts(a, WINDOW, firstA)).containsExactly("m0", "m1", "m2", "m3");
        assertThat(texts(b, WINDOW, new ArrayList<>())).as("the window is per client, not shared")
                .containsExactly("m0", "m1", "m2", "m3");
        assertQuiet(a);

        a.send(Packets.puback(firstA.get(0).variableHeader().packetId()));
        assertThat(texts(a, 1, new ArrayList<>())).containsExactly("m4");
        assertQuiet(a);

        for (MqttPublishMessage p : firstA.subList(1, WINDOW)) {
            a.send(Packets.puback(p.variableHeader().packetId()));
        }
        assertThat(texts(a, 3, new ArrayList<>())).containsExactly("m5", "m6", "m7");
    }

    /** Nothing more is sent while the window is full (a short bounded look: the only way to see an absence here). */
    private static void assertQuiet(RawMqttClient c) {
        c.expectNoPacket(Duration.ofMillis(400), "the in-flight window is full");
    }
}
