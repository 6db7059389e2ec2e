package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTrace;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline messages over real sockets: LMQ-OFF-1 (kept only for QoS1 + cleanSession=false, for
 * 3 days, configurable; crossed with the broker's controllable clock), LMQ-OFF-2 (a push to a
 * connection that silently died is delivered at the next connect) and LMQ-OFF-3 (an instance
 * cap, small here, evicting the oldest first and never a message in flight). A fresh broker per
 * test: the offline store is instance state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqOfflineTest {

    private LmqTestBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private LmqTestBroker start(java.util.function.UnaryOperator<dev.lmqharness.broker.rules.LmqLimits> limits) {
        broker = LmqTestBroker.builder().limits(limits).start();
        return broker;
    }

    /** Connects a cleanSession=false subscriber, subscribes QoS1 and goes offline gracefully. */
    private void persistentSubscriberGoesOffline(ClientKind kind, String id, String... topics) {
        try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
            for (String t : topics) {
                assertThat(sub.subscribe(t, 1)).isEqualTo(1);
            }
            sub.disconnect();
        }
        Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
    }

    private static void publishNumbered(TestMqttClient pub, String topic, String prefix, int from, int to) {
        List<CompletableFuture<Void>> flows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            flows.add(pub.publishAsync(topic, (prefix + i).getBytes(), 1));
        }
        CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static List<String> numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }

    private List<DeliveryOutcome> outcomesFor(String topic, String payloadPublisher, String clientId, int index) {
        List<MessageTrace> traces = new ArrayList<>(broker.admin().recentTraces(topic, payloadPublisher, 1000));
        traces.sort(java.util.Comparator.comparing(MessageTrace::messageId));
        return traces.get(index).deliveries().stream().filter(d -> d.clientId().equals(clientId))
                .map(MessageTrace.Delivery::outcome).toList();
    }

    private double metric(String name) {
        return PrometheusText.value(broker.admin().scrapeMetrics(), name);
    }

    // ---- LMQ-OFF-1 ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-1: one cleanSession=false client with QoS0, QoS1 and QoS2 subscriptions gets only the QoS1 one's offline message")
    void keptOnlyForQos1(ClientKind kind) {
        start(l -> l);
        String id = LmqTestBroker.newClientId();
        String base = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                for (int q = 0; q <= 2; q++) {
                    assertThat(sub.subscribe(base + "/q" + q, q)).isEqualTo(q);
                }
                sub.disconnect();
            }
            for (int q = 0; q <= 2; q++) {
                pub.publish(base + "/q" + q, "offline-q" + q, 2);
            }
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 1);
            try (TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                Markers.flush(again, pub);
                assertThat(again.inbox().all()).extracting(Received::text).filteredOn(t -> t.startsWith("offline"))
                        .containsExactly("offline-q1");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-1: offline messages are kept 3 days (until 1 ms before) and deleted at 3 days, on the broker's clock")
    void expiryAfterThreeDays(ClientKind kind) {
        start(l -> l);
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        persistentSubscriberGoesOffline(kind, id, topic);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            pub.publish(topic, "old-1", 1);
            pub.publish(topic, "old-2", 1);
            broker.advance(Duration.ofDays(3).minusMillis(1));
            assertThat(broker.admin().clientStatus(id).queuedMessages()).as("3 days - 1 ms later").isEqualTo(2);

            pub.publish(topic, "young", 1);
            double expiredBefore = metric("lmq_offline_expired_total");
            broker.advance(Duration.ofMillis(1));
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 1);
            assertThat(metric("lmq_offline_expired_total")).isEqualTo(expiredBefore + 2);
            assertThat(outcomesFor(topic, pub.clientId(), id, 0)).contains(DeliveryOutcome.EXPIRED);

            try (TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                again.inbox().awaitOne(topic);
                Markers.flush(again, pub);
                assertThat(again.inbox().texts(topic)).containsExactly("young");
            }
        }
    }

    @Test
    @DisplayName("LMQ-OFF-1: the retention is configurable (1 hour here)")
    void configuredRetention() {
        start(l -> l.withOfflineRetention(Duration.ofHours(1)));
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        persistentSubscriberGoesOffline(ClientKind.HIVEMQ, id, topic);
        try (TestMqttClient pub = broker.connected(ClientKind.PAHO)) {
            pub.publish(topic, "short-lived", 1);
            broker.advance(Duration.ofMinutes(59));
            assertThat(broker.admin().clientStatus(id).queuedMessages()).isEqualTo(1);
            broker.advance(Duration.ofMinutes(1));
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == 0);
            try (TestMqttClient again = broker.connected(ClientKind.HIVEMQ, ConnectSpec.of(id).cleanSession(false))) {
                Markers.flush(again, pub);
                assertThat(again.inbox().on(topic)).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-1: a message pushed but never acknowledged before the client went offline also expires after 3 days")
    void unacknowledgedPushExpires(ClientKind kind) {
        start(l -> l);
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                assertThat(raw.connect(id, false, 0).variableHeader().connectReturnCode().byteValue()).isZero();
                assertThat(raw.subscribe(1, topic, 1)).isEqualTo(1);
                pub.publish(topic, "pushed-never-acked", 1);
                assertThat(raw.expectPublish(Duration.ofSeconds(5))).isNotNull();
            } // the connection dies with the message unacknowledged
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            broker.advance(Duration.ofDays(3));
            try (TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                Markers.flush(again, pub);
                assertThat(again.inbox().texts(topic)).as("a 3-day-old offline message").isEmpty();
            }
        }
    }

    // ---- LMQ-OFF-2 ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-2: messages pushed to a connection that silently stopped reading and acking arrive at the next connect, in order")
    void pushToSilentlyDeadConnection(ClientKind kind) {
        start(l -> l);
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ);
             RawMqttClient silent = RawMqttClient.open(broker.tcpPort())) {
            // keep-alive 0: the broker cannot notice the silence; the client never reads or acks again
            assertThat(silent.connect(id, false, 0).variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(silent.subscribe(1, topic, 1)).isEqualTo(1);
            pub.publish(topic, "pushed-1", 1);
            pub.publish(topic, "pushed-2", 1);
            Waits.atMost(Duration.ofSeconds(5)).until(() ->
                    outcomesFor(topic, pub.clientId(), id, 1).contains(DeliveryOutcome.SENT));

            try (TestMqttClient next = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                next.inbox().await(topic, 2);
                Markers.flush(next, pub);
                assertThat(next.inbox().texts(topic)).containsExactly("pushed-1", "pushed-2");
                assertThat(silent.awaitClosed(Duration.ofSeconds(2))).as("the dead connection was taken over").isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-2: a push to a connection that went silent is delivered at the next connect after the broker dropped it (keep-alive)")
    void pushToSilentConnectionAfterKeepAliveTimeout(ClientKind kind) {
        start(l -> l);
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ);
             RawMqttClient silent = RawMqttClient.open(broker.tcpPort())) {
            assertThat(silent.connect(id, false, 1).variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(silent.subscribe(1, topic, 1)).isEqualTo(1);
            pub.publish(topic, "pushed", 1);
            // silent from now on: no PUBACK, no PINGREQ; the broker gives up after 1.5 s
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            pub.publish(topic, "while-offline", 1);
            try (TestMqttClient next = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                next.inbox().await(topic, 2);
                Markers.flush(next, pub);
                assertThat(next.inbox().texts(topic)).containsExactly("pushed", "while-offline");
            }
        }
    }

    // ---- LMQ-OFF-3 ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-3: with a cap of 50 offline messages, 60 for one client leave the newest 50; the oldest 10 are evicted")
    void capEvictsOldest(ClientKind kind) {
        start(l -> l.withMaxOfflineMessages(50));
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        persistentSubscriberGoesOffline(kind, id, topic);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            publishNumbered(pub, topic, "m", 1, 60);
            assertThat(broker.admin().queuedMessages()).isEqualTo(50);
            assertThat(metric("lmq_offline_evicted_total")).isEqualTo(10);
            assertThat(outcomesFor(topic, pub.clientId(), id, 0)).contains(DeliveryOutcome.EVICTED);
            assertThat(outcomesFor(topic, pub.clientId(), id, 10)).doesNotContain(DeliveryOutcome.EVICTED);

            try (TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                again.inbox().await(topic, 50);
                Markers.flush(again, pub);
                assertThat(again.inbox().texts(topic)).containsExactlyElementsOf(numbered("m", 11, 60));
            }
        }
    }

    @Test
    @DisplayName("LMQ-OFF-3: the cap is instance-wide; the oldest messages go first whichever client they wait for")
    void capIsInstanceWide() {
        start(l -> l.withMaxOfflineMessages(50));
        String a = LmqTestBroker.newClientId();
        String b = LmqTestBroker.newClientId();
        String topicA = LmqTestBroker.newTopic();
        String topicB = LmqTestBroker.newTopic();
        persistentSubscriberGoesOffline(ClientKind.HIVEMQ, a, topicA);
        persistentSubscriberGoesOffline(ClientKind.PAHO, b, topicB);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            publishNumbered(pub, topicA, "a", 1, 30);
            publishNumbered(pub, topicB, "b", 1, 30);
            assertThat(broker.admin().queuedMessages()).isEqualTo(50);
            assertThat(broker.admin().clientStatus(a).queuedMessages()).isEqualTo(20);
            assertThat(broker.admin().clientStatus(b).queuedMessages()).isEqualTo(30);
            try (TestMqttClient againA = broker.connected(ClientKind.PAHO, ConnectSpec.of(a).cleanSession(false));
                 TestMqttClient againB = broker.connected(ClientKind.HIVEMQ, ConnectSpec.of(b).cleanSession(false))) {
                againA.inbox().await(topicA, 20);
                againB.inbox().await(topicB, 30);
                Markers.flush(againA, pub);
                Markers.flush(againB, pub);
                assertThat(againA.inbox().texts(topicA)).containsExactlyElementsOf(numbered("a", 11, 30));
                assertThat(againB.inbox().texts(topicB)).containsExactlyElementsOf(numbered("b", 1, 30));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-3: eviction never takes a message in flight (pushed, awaiting PUBACK), even when it is the oldest")
    void capNeverEvictsInFlight(ClientKind kind) {
        start(l -> l.withMaxOfflineMessages(50));
        String holder = LmqTestBroker.newClientId();
        String offline = LmqTestBroker.newClientId();
        String topicH = LmqTestBroker.newTopic();
        String topicO = LmqTestBroker.newTopic();
        persistentSubscriberGoesOffline(ClientKind.HIVEMQ, offline, topicO);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ);
             RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            assertThat(raw.connect(holder, false, 0).variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(raw.subscribe(1, topicH, 1)).isEqualTo(1);
            publishNumbered(pub, topicH, "h", 1, 5);
            for (int i = 1; i <= 5; i++) {
                MqttPublishMessage p = raw.expectPublish(Duration.ofSeconds(5));
                assertThat(RawMqttClient.text(p)).isEqualTo("h" + i); // in flight: never acknowledged
            }
            publishNumbered(pub, topicO, "o", 1, 60);
            assertThat(broker.admin().queuedMessages()).isEqualTo(50);
            assertThat(broker.admin().clientStatus(holder).queuedMessages()).as("in-flight messages kept").isEqualTo(5);

            try (TestMqttClient h = broker.connected(kind, ConnectSpec.of(holder).cleanSession(false));
                 TestMqttClient o = broker.connected(kind, ConnectSpec.of(offline).cleanSession(false))) {
                h.inbox().await(topicH, 5);
                o.inbox().await(topicO, 45);
                Markers.flush(h, pub);
                Markers.flush(o, pub);
                assertThat(h.inbox().texts(topicH)).containsExactlyElementsOf(numbered("h", 1, 5));
                assertThat(o.inbox().texts(topicO)).containsExactlyElementsOf(numbered("o", 16, 60));
            }
        }
    }

    @Test
    @DisplayName("LMQ-OFF-3: once its connection is gone, an unacknowledged push is an offline message: the oldest go first, the cap holds")
    void capEvictsOldestUnacknowledgedPushOfOfflineClient() {
        start(l -> l.withMaxOfflineMessages(20));
        String dropped = LmqTestBroker.newClientId();
        String offline = LmqTestBroker.newClientId();
        String topicD = LmqTestBroker.newTopic();
        String topicO = LmqTestBroker.newTopic();
        persistentSubscriberGoesOffline(ClientKind.HIVEMQ, offline, topicO);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                assertThat(raw.connect(dropped, false, 0).variableHeader().connectReturnCode().byteValue()).isZero();
                assertThat(raw.subscribe(1, topicD, 1)).isEqualTo(1);
                publishNumbered(pub, topicD, "d", 1, 25);
                for (int i = 1; i <= 25; i++) {
                    assertThat(raw.expectPublish(Duration.ofSeconds(5))).as("push %d", i).isNotNull();
                }
            } // gone without acknowledging: 25 offline messages, over the cap of 20
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(dropped).online());

            pub.publish(topicO, "newest", 1);
            assertThat(broker.admin().queuedMessages()).as("offline messages held by the instance").isLessThanOrEqualTo(20);
            try (TestMqttClient o = broker.connected(ClientKind.PAHO, ConnectSpec.of(offline).cleanSession(false))) {
                Markers.flush(o, pub);
                assertThat(o.inbox().texts(topicO)).as("the newest message is not the one evicted").containsExactly("newest");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-OFF-1: offline messages and the subscription of a cleanSession=false client survive a broker restart (RocksDB store)")
    void keptAcrossRestart(ClientKind kind, @TempDir Path dir) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        broker = LmqTestBroker.builder().rocksDb(dir).start();
        persistentSubscriberGoesOffline(kind, id, topic);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            publishNumbered(pub, topic, "m", 1, 3);
        }
        broker.close();

        broker = LmqTestBroker.builder().rocksDb(dir).start();
        assertThat(broker.admin().clientStatus(id).queuedMessages()).isEqualTo(3);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ);
             TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
            again.inbox().await(topic, 3);
            pub.publish(topic, "after-restart", 1);
            again.inbox().await(topic, 4);
            Markers.flush(again, pub);
            assertThat(again.inbox().texts(topic)).containsExactly("m1", "m2", "m3", "after-restart");
        }
    }
}
