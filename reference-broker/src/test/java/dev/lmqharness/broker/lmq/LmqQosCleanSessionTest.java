package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTrace;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer side's QoS x cleanSession table over real sockets: each of the six cells of
 * LMQ-QOS-0..2, online and offline, with both client libraries; plus LMQ-QOS-3 (switching to
 * cleanSession=true discards the session). The publisher always sends QoS2, so the subscription's
 * QoS decides.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqQosCleanSessionTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Stream<Arguments> cells() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(0, 1, 2)
                .flatMap(q -> Stream.of(true, false).map(c -> Arguments.of(k, q, c))));
    }

    /** LMQ-QOS-1 + cleanSession=false is the only cell that keeps offline messages (also LMQ-OFF-1). */
    private static boolean keepsOffline(int qos, boolean clean) {
        return qos == 1 && !clean;
    }

    /** Subscriptions survive a reconnect only with cleanSession=false, and not for QoS2 (LMQ-QOS-2). */
    private static boolean subscriptionSurvives(int qos, boolean clean) {
        return !clean && qos != 2;
    }

    @ParameterizedTest(name = "LMQ-QOS-{1} {0} cleanSession={2}")
    @MethodSource("cells")
    @DisplayName("LMQ-QOS-0..2 online: the message is pushed once, at the subscription's QoS")
    void online(ClientKind kind, int qos, boolean clean) {
        try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(LmqTestBroker.newClientId()).cleanSession(clean));
             TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, qos)).as("granted QoS").isEqualTo(qos);
            pub.publish(topic, "online", 2);
            Received r = sub.inbox().awaitOne(topic);
            assertThat(r.text()).isEqualTo("online");
            assertThat(r.qos()).as("delivered QoS").isEqualTo(qos);
            Markers.flush(sub, pub);
            assertThat(sub.inbox().on(topic)).as("pushed exactly once").hasSize(1);
        }
    }

    @ParameterizedTest(name = "LMQ-QOS-{1} {0} cleanSession={2}")
    @MethodSource("cells")
    @DisplayName("LMQ-QOS-0..2 offline: only QoS1 + cleanSession=false keeps the message; only cleanSession=false below QoS2 keeps the subscription")
    void offline(ClientKind kind, int qos, boolean clean) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        ConnectSpec spec = ConnectSpec.of(id).cleanSession(clean);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (TestMqttClient sub = broker.connected(kind, spec)) {
                assertThat(sub.subscribe(topic, qos)).isEqualTo(qos);
                sub.disconnect();
            }
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            pub.publish(topic, "while-offline", 2);
            long expectedQueued = keepsOffline(qos, clean) ? 1 : 0;
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == expectedQueued);

            try (TestMqttClient again = kind.create(broker.tcp())) {
                ConnectResult r = again.connect(spec);
                assertThat(r.accepted()).isTrue();
                if (clean) {
                    assertThat(r.sessionPresent()).as("sessionPresent with cleanSession=true").isFalse();
                } else if (qos != 2) {
                    assertThat(r.sessionPresent()).as("sessionPresent with cleanSession=false").isTrue();
                }
                pub.publish(topic, "after-reconnect", 2);
                Markers.flush(again, pub);
                var expected = new java.util.ArrayList<String>();
                if (keepsOffline(qos, clean)) {
                    expected.add("while-offline");
                }
                if (subscriptionSurvives(qos, clean)) {
                    expected.add("after-reconnect");
                }
                assertThat(again.inbox().texts(topic)).containsExactlyElementsOf(expected);
                if (keepsOffline(qos, clean)) {
                    assertThat(again.inbox().on(topic).get(0).qos()).isEqualTo(1);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} cleanSession={1}")
    @MethodSource("kindsAndClean")
    @DisplayName("LMQ-QOS-1 online: a QoS1 message stays queued (unacknowledged) until the subscriber's PUBACK")
    void qos1HeldUntilAcknowledged(ClientKind kind, boolean clean) {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(id).cleanSession(clean).manualAcks(true));
             TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            pub.publish(topic, "ack-me", 1);
            Received r = sub.inbox().awaitOne(topic);
            String messageId = broker.admin().recentTraces(topic, pub.clientId(), 1).get(0).messageId();
            Waits.atMost(Duration.ofMillis(500)).during(Duration.ofMillis(300))
                    .until(() -> broker.admin().clientStatus(id).queuedMessages() == 1);
            assertThat(outcomes(messageId, id)).doesNotContain(DeliveryOutcome.ACKNOWLEDGED);

            r.ack();
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 0);
            assertThat(outcomes(messageId, id)).contains(DeliveryOutcome.ACKNOWLEDGED);
        }
    }

    static Stream<Arguments> kindsAndClean() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(true, false).map(c -> Arguments.of(k, c)));
    }

    private static java.util.List<DeliveryOutcome> outcomes(String messageId, String clientId) {
        MessageTrace t = broker.admin().trace(messageId).orElseThrow();
        return t.deliveries().stream().filter(d -> d.clientId().equals(clientId)).map(MessageTrace.Delivery::outcome).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-QOS-2 online: a QoS2 PUBLISH re-sent with DUP before PUBREL is delivered exactly once")
    void qos2ExactlyOnce(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind);
             TestMqttClient other = broker.connected(ClientKind.HIVEMQ);
             RawMqttClient pub = RawMqttClient.open(broker.tcpPort())) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 2)).isEqualTo(2);
            assertThat(pub.connect(LmqTestBroker.newClientId(), true, 30).variableHeader().connectReturnCode()
                    .byteValue()).isZero();
            pub.publish(topic, 2, 42, "once".getBytes(), false);
            assertThat(pub.expect(MqttMessageType.PUBREC, Duration.ofSeconds(5))).isNotNull();
            pub.publish(topic, 2, 42, "once".getBytes(), true);
            assertThat(pub.expect(MqttMessageType.PUBREC, Duration.ofSeconds(5))).isNotNull();
            pub.pubRel(42);
            assertThat(pub.expect(MqttMessageType.PUBCOMP, Duration.ofSeconds(5))).isNotNull();
            sub.inbox().awaitOne(topic);
            Markers.flush(sub, other);
            assertThat(sub.inbox().on(topic)).hasSize(1);
            assertThat(sub.inbox().on(topic).get(0).qos()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-QOS-3: reconnecting with cleanSession=true discards the cleanSession=false session, its subscriptions and offline messages")
    void switchingToCleanSessionDiscards(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
                sub.disconnect();
            }
            pub.publish(topic, "queued-1", 1);
            pub.publish(topic, "queued-2", 1);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 2);

            try (TestMqttClient clean = kind.create(broker.tcp())) {
                ConnectResult r = clean.connect(ConnectSpec.of(id).cleanSession(true));
                assertThat(r.accepted()).isTrue();
                assertThat(r.sessionPresent()).isFalse();
                pub.publish(topic, "to-clean", 1);
                Markers.flush(clean, pub);
                assertThat(clean.inbox().on(topic)).as("neither the offline messages nor the old subscription").isEmpty();
                clean.disconnect();
            }
            try (TestMqttClient back = kind.create(broker.tcp())) {
                ConnectResult r = back.connect(ConnectSpec.of(id).cleanSession(false));
                assertThat(r.sessionPresent()).as("the discarded session is not back").isFalse();
                pub.publish(topic, "to-new-session", 1);
                Markers.flush(back, pub);
                assertThat(back.inbox().on(topic)).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-QOS-2: with cleanSession=false a QoS2 delivery cut off mid-flow is not resumed at reconnect (behaves as cleanSession=true)")
    void qos2CleanFalseInFlightNotResumed(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                assertThat(raw.connect(id, false, 0).variableHeader().connectReturnCode().byteValue()).isZero();
                assertThat(raw.subscribe(1, topic, 2)).isEqualTo(2);
                pub.publish(topic, "qos2-cut", 2);
                assertThat(raw.expectPublish(Duration.ofSeconds(5))).isNotNull(); // never answered with PUBREC
            }
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            try (TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                Markers.flush(again, pub);
                assertThat(again.inbox().on(topic)).isEmpty();
            }
        }
    }
}
