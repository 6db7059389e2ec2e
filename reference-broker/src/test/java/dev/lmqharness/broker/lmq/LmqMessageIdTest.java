package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTrace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMQ-MSG-3 over real sockets: every accepted message gets a unique message ID, and its trace
 * (publisher, time, deliveries) can be queried by that ID.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqMessageIdTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-MSG-3: each accepted message has its own ID; its trace names publisher, topic, time and deliveries")
    void traceById(ClientKind kind) {
        try (LmqTestBroker broker = LmqTestBroker.start();
             TestMqttClient sub1 = broker.connected(kind);
             TestMqttClient sub0 = broker.connected(kind);
             TestMqttClient pub = broker.connected(kind)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub1.subscribe(topic, 1)).isEqualTo(1);
            assertThat(sub0.subscribe(topic, 0)).isEqualTo(0);
            long before = broker.admin().now();
            for (int i = 0; i < 5; i++) {
                pub.publish(topic, "m" + i, 1);
            }
            sub1.inbox().await(topic, 5);
            sub0.inbox().await(topic, 5);

            List<MessageTrace> traces = broker.admin().recentTraces(topic, pub.clientId(), 10);
            assertThat(traces).hasSize(5);
            Set<String> ids = new HashSet<>();
            for (MessageTrace t : traces) {
                assertThat(t.messageId()).matches("[0-9a-f]{16}");
                ids.add(t.messageId());
                MessageTrace byId = broker.admin().trace(t.messageId()).orElseThrow();
                assertThat(byId.publisherId()).isEqualTo(pub.clientId());
                assertThat(byId.topic()).isEqualTo(topic);
                assertThat(byId.publishTime()).isBetween(before, broker.admin().now());
                Waits.atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(byId.deliveries())
                        .extracting(MessageTrace.Delivery::clientId, MessageTrace.Delivery::outcome)
                        .contains(org.assertj.core.groups.Tuple.tuple(sub1.clientId(), DeliveryOutcome.ACKNOWLEDGED),
                                org.assertj.core.groups.Tuple.tuple(sub0.clientId(), DeliveryOutcome.PUSHED)));
            }
            assertThat(ids).as("distinct message IDs").hasSize(5);
            assertThat(broker.admin().trace("ffffffffffffffff")).isEmpty();
        }
    }

    @Test
    @DisplayName("LMQ-MSG-3: message IDs stay unique across publishers and topics, QoS0 and QoS1")
    void uniqueAcrossPublishers() {
        try (LmqTestBroker broker = LmqTestBroker.start();
             TestMqttClient a = broker.connected(ClientKind.HIVEMQ);
             TestMqttClient b = broker.connected(ClientKind.PAHO)) {
            for (int i = 0; i < 20; i++) {
                a.publish(LmqTestBroker.PARENT + "/ua", "x", i % 2);
                b.publish(LmqTestBroker.PARENT2 + "/ub", "x", i % 2);
            }
            List<MessageTrace> all = broker.admin().recentTraces(null, null, 1000).stream()
                    .filter(t -> !t.publisherId().startsWith("$")).toList();
            assertThat(all).hasSize(40);
            assertThat(all.stream().map(MessageTrace::messageId).distinct().count()).isEqualTo(40);
        }
    }

    @Test
    @DisplayName("LMQ-MSG-3: message IDs are not handed out again after a restart on the same (RocksDB) store")
    void uniqueAcrossRestart(@TempDir Path dir) {
        Set<String> before = new HashSet<>();
        try (LmqTestBroker broker = LmqTestBroker.builder().rocksDb(dir).start();
             TestMqttClient sub = broker.connected(ClientKind.HIVEMQ);
             TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                pub.publish(topic, "routed" + i, 1);           // to a clean-session subscriber
                pub.publish(LmqTestBroker.PARENT + "/nobody", "unrouted" + i, 1); // to no one
                pub.publish(topic, "qos0-" + i, 0);
            }
            sub.inbox().await(topic, 10);
            broker.admin().recentTraces(null, pub.clientId(), 100).forEach(t -> before.add(t.messageId()));
            assertThat(before).hasSize(15);
        }
        try (LmqTestBroker broker = LmqTestBroker.builder().rocksDb(dir).start();
             TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            for (int i = 0; i < 15; i++) {
                pub.publish(LmqTestBroker.PARENT + "/after", "x", 1);
            }
            List<String> after = broker.admin().recentTraces(null, pub.clientId(), 100).stream()
                    .map(MessageTrace::messageId).toList();
            assertThat(after).hasSize(15);
            assertThat(after).as("IDs issued after the restart").doesNotContainAnyElementsOf(before);
        }
    }
}
