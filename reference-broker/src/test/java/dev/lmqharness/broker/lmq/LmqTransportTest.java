package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.lmqharness.broker.lmq.LmqTestBroker.AK;
import static dev.lmqharness.broker.lmq.LmqTestBroker.SK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMQ-NET-1 over each transport: TCP, TLS, WebSocket and WebSocket over TLS carry an LMQ session
 * (Client ID of a created group, signature auth) end to end, each with both client libraries,
 * with a payload at the 64 KB limit, and interoperate with a TCP client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqTransportTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.builder().anonymousAllowed(false)
                .alsoListenOn(Transport.TLS, Transport.WS, Transport.WSS).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> transportsAndKinds() {
        return Stream.of(Transport.values()).flatMap(t -> Stream.of(ClientKind.values()).map(k -> Arguments.of(t, k)));
    }

    private static TestMqttClient connect(ClientKind kind, Transport t) {
        TestMqttClient c = kind.create(broker.endpoint(t));
        ConnectResult r = c.connect(Credentials.signed(ConnectSpec.of(LmqTestBroker.newClientId()), AK, SK,
                broker.instanceId()));
        assertThat(r.returnCode()).as("%s CONNECT over %s", kind, t).isZero();
        return c;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndKinds")
    @DisplayName("LMQ-NET-1: an LMQ client connects, subscribes, publishes and receives a 64 KB payload over TCP, TLS, WS and WSS")
    void connectPublishReceive(Transport transport, ClientKind kind) {
        try (TestMqttClient sub = connect(kind, transport);
             TestMqttClient pub = connect(kind, transport);
             TestMqttClient tcpWatcher = connect(ClientKind.HIVEMQ, Transport.TCP)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            assertThat(tcpWatcher.subscribe(topic, 1)).isEqualTo(1);
            byte[] payload = new byte[65_536];
            Arrays.fill(payload, (byte) transport.ordinal());
            pub.publish(topic, payload, 1);
            assertThat(sub.inbox().awaitOne(topic).payload()).isEqualTo(payload);
            assertThat(tcpWatcher.inbox().awaitOne(topic).payload()).isEqualTo(payload);

            tcpWatcher.publish(topic, "from-tcp", 1);
            assertThat(sub.inbox().await(topic, 2).get(1).text()).isEqualTo("from-tcp");
            assertThat(broker.admin().clientStatus(sub.clientId()).online()).isTrue();
        }
    }
}
