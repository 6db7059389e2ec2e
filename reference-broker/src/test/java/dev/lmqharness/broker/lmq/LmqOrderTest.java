package dev.lmqharness.broker.lmq;

import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMQ-MSG-2 over real sockets: messages of one publisher reach each subscriber in the order sent,
 * also when a subscriber drops mid-stream with unacknowledged messages and gets them again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqOrderTest {

    private static final int COUNT = 200;

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** Publishes n numbered messages without waiting between them; returns when all QoS flows completed. */
    private static void publishNumbered(TestMqttClient pub, String topic, String prefix, int from, int to, int qos) {
        List<CompletableFuture<Void>> flows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            flows.add(pub.publishAsync(topic, (prefix + i).getBytes(), qos));
        }
        CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static List<String> numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }

    static Stream<Arguments> kindsAndQos() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(0, 1, 2).map(q -> Arguments.of(k, q)));
    }

    @ParameterizedTest(name = "{0} QoS{1}")
    @MethodSource("kindsAndQos")
    @DisplayName("LMQ-MSG-2: 200 messages from one publisher reach the subscriber in the order sent")
    void orderOfOnePublisher(ClientKind kind, int qos) {
        try (TestMqttClient sub = broker.connected(kind); TestMqttClient pub = broker.connected(kind)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, qos)).isEqualTo(qos);
            publishNumbered(pub, topic, "m", 1, COUNT, qos);
            sub.inbox().await(topic, COUNT);
            assertThat(sub.inbox().texts(topic)).containsExactlyElementsOf(numbered("m", 1, COUNT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-MSG-2: with two publishers interleaving, each publisher's messages keep their order")
    void orderPerPublisher(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind);
             TestMqttClient a = broker.connected(kind);
             TestMqttClient b = broker.connected(kind)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic + "/#", 1)).isEqualTo(1);
            CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> publishNumbered(a, topic + "/a", "a", 1, COUNT, 1));
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> publishNumbered(b, topic + "/b", "b", 1, COUNT, 1));
            CompletableFuture.allOf(fromA, fromB).orTimeout(30, TimeUnit.SECONDS).join();
            Waits.atMost(Inbox.DELIVERY).until(() -> sub.inbox().all().size() >= 2 * COUNT);
            List<String> all = sub.inbox().all().stream().map(Received::text).toList();
            assertThat(all.stream().filter(t -> t.startsWith("a")).toList()).containsExactlyElementsOf(numbered("a", 1, COUNT));
            assertThat(all.stream().filter(t -> t.startsWith("b")).toList()).containsExactlyElementsOf(numbered("b", 1, COUNT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-MSG-2: a subscriber disconnecting with unacknowledged messages gets them again, in order, at reconnect")
    void orderAcrossRedeliveryAfterDisconnect(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (TestMqttClient first = broker.connected(kind, ConnectSpec.of(id).cleanSession(false).manualAcks(true))) {
                assertThat(first.subscribe(topic, 1)).isEqualTo(1);
                publishNumbered(pub, topic, "m", 1, 100, 1);
                List<Received> got = first.inbox().await(topic, 20);
                assertThat(got.subList(0, 20)).extracting(Received::text).containsExactlyElementsOf(numbered("m", 1, 20));
                got.subList(0, 10).forEach(Received::ack);
                // The broker has taken the ten acknowledgements before the connection goes.
                Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 90);
                first.disconnect();
            }
            try (TestMqttClient second = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                second.inbox().await(topic, 90);
                Markers.flush(second, pub);
                assertThat(second.inbox().texts(topic)).containsExactlyElementsOf(numbered("m", 11, 100));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-MSG-2: a subscriber whose socket drops mid-stream (raw, no DISCONNECT) gets the unacknowledged rest in order")
    void orderAcrossRedeliveryAfterConnectionLoss(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                assertThat(raw.connect(id, false, 30).variableHeader().connectReturnCode().byteValue()).isZero();
                assertThat(raw.subscribe(1, topic, 1)).isEqualTo(1);
                publishNumbered(pub, topic, "m", 1, 100, 1);
                for (int i = 1; i <= 15; i++) {
                    MqttPublishMessage p = raw.expectPublish(Duration.ofSeconds(5));
                    assertThat(p).as("PUBLISH %d", i).isNotNull();
                    assertThat(RawMqttClient.text(p)).isEqualTo("m" + i);
                    if (i <= 5) {
                        raw.pubAck(p.variableHeader().packetId());
                    }
                }
                Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 95);
            } // closed without DISCONNECT
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            try (TestMqttClient second = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                second.inbox().await(topic, 95);
                Markers.flush(second, pub);
                assertThat(second.inbox().texts(topic)).containsExactlyElementsOf(numbered("m", 6, 100));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-MSG-2: a QoS0 message does not overtake the same publisher's earlier QoS1 messages waiting for a slow subscriber")
    void mixedQosKeepsPublisherOrder(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(LmqTestBroker.newClientId()).manualAcks(true));
             TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            publishNumbered(pub, topic, "m", 1, 100, 1);
            pub.publish(topic, "m101", 0);
            // acknowledge everything as it comes, so the broker's window keeps moving
            Waits.atMost(Inbox.DELIVERY).until(() -> {
                sub.inbox().on(topic).forEach(Received::ack);
                return sub.inbox().on(topic).size() >= 101;
            });
            assertThat(sub.inbox().texts(topic)).containsExactlyElementsOf(numbered("m", 1, 101));
        }
    }
}
