package dev.lmqharness.broker.lmq;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMQ-MSG-1 over real sockets, with the documented 65,536-byte limit: a payload at the limit is
 * delivered whole; one byte more is acknowledged per its QoS flow, delivered to no one, counted,
 * and the connection stays open; a frame far beyond the 256 KB frame cap closes the connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqPayloadLimitTest {

    private static final int LIMIT = 65_536;

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static byte[] payload(int size, byte fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, fill);
        b[0] = 'S';
        b[size - 1] = 'E';
        return b;
    }

    static double discardedCount() {
        return PrometheusText.value(broker.admin().scrapeMetrics(), "lmq_messages_discarded_total");
    }

    static Stream<Arguments> kindsAndQos() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(0, 1, 2).map(q -> Arguments.of(k, q)));
    }

    @ParameterizedTest(name = "{0} QoS{1}")
    @MethodSource("kindsAndQos")
    @DisplayName("LMQ-MSG-1: a 65,536-byte payload is delivered whole; 65,537 bytes are acknowledged, counted, delivered to no one, connection kept")
    void payloadLimit(ClientKind kind, int qos) {
        try (TestMqttClient sub = broker.connected(ClientKind.HIVEMQ); TestMqttClient pub = broker.connected(kind)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 2)).isEqualTo(2);
            double discardedBefore = discardedCount();

            byte[] atLimit = payload(LIMIT, (byte) 'a');
            pub.publish(topic, atLimit, qos);
            assertThat(sub.inbox().awaitOne(topic).payload()).isEqualTo(atLimit);

            // publish() waits for the QoS flow: PUBACK (QoS1) or PUBREC/PUBCOMP (QoS2) must come back.
            pub.publish(topic, payload(LIMIT + 1, (byte) 'b'), qos);
            assertThat(pub.isConnected()).as("connection kept after an oversize PUBLISH").isTrue();
            pub.publish(topic, "after", qos);
            assertThat(sub.inbox().await(topic, 2).get(1).text()).isEqualTo("after");
            Markers.flush(sub, pub);
            assertThat(sub.inbox().on(topic)).as("only the payload at the limit and the small one").hasSize(2);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> discardedCount() >= discardedBefore + 1);
            assertThat(pub.isConnected()).isTrue();
        }
    }

    @Test
    @DisplayName("LMQ-MSG-1: the payload limit is configurable (1,024 bytes here)")
    void configuredLimit() {
        try (LmqTestBroker small = LmqTestBroker.builder().limits(l -> l.withPayloadAndFrame(1024, 8192)).start();
             TestMqttClient sub = small.connected(ClientKind.HIVEMQ);
             TestMqttClient pub = small.connected(ClientKind.PAHO)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            pub.publish(topic, payload(1025, (byte) 'x'), 1);
            pub.publish(topic, payload(1024, (byte) 'y'), 1);
            Received got = sub.inbox().awaitOne(topic);
            assertThat(got.payload()).hasSize(1024);
            Markers.flush(sub, pub);
            assertThat(sub.inbox().on(topic)).hasSize(1);
        }
    }

    @Test
    @DisplayName("LMQ-MSG-1: a PUBLISH frame far beyond the 256 KB frame cap closes the connection and reaches no one")
    void frameBeyondCapClosesConnection() {
        try (TestMqttClient sub = broker.connected(ClientKind.HIVEMQ);
             TestMqttClient other = broker.connected(ClientKind.HIVEMQ);
             RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            assertThat(raw.connect(LmqTestBroker.newClientId(), true, 30).variableHeader().connectReturnCode()
                    .byteValue()).isZero();
            try {
                raw.publish(topic, 1, 7, payload(300 * 1024, (byte) 'z'), false);
            } catch (AssertionError e) {
                // The broker may close while the client is still writing the frame: a broken pipe.
                assertThat(e).hasCauseInstanceOf(java.io.IOException.class);
            }
            assertThat(raw.awaitClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(raw.skipped()).as("no PUBACK").isEmpty();
            Markers.flush(sub, other);
            assertThat(sub.inbox().on(topic)).isEmpty();
        }
    }
}
