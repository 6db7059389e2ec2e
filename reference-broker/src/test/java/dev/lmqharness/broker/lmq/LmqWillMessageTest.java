package dev.lmqharness.broker.lmq;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static dev.lmqharness.broker.lmq.LmqTestBroker.AK;
import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static dev.lmqharness.broker.lmq.LmqTestBroker.SK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A will message is a PUBLISH the broker makes on the client's behalf, so the LMQ rules of a
 * PUBLISH hold for it too: LMQ-AUTH-2 (W permission), LMQ-TOPIC-1/2 (length and level
 * characters; an uncreated parent cannot be observed, since no one can subscribe under it) and LMQ-MSG-1 (payload limit). The broker may refuse such a CONNECT or accept it
 * and never publish the will; these tests assert only that the will reaches no one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqWillMessageTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.builder().anonymousAllowed(false).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static TestMqttClient signedClient() {
        return broker.connected(ClientKind.HIVEMQ, Credentials.signed(ConnectSpec.of(LmqTestBroker.newClientId()),
                AK, SK, broker.instanceId()));
    }

    /** Connects a raw client with the will, drops its socket, and asserts the watcher never gets the will. */
    private static void assertWillNotDelivered(String user, String pass, String willTopic, byte[] willPayload,
                                               String watchFilter) {
        String id = LmqTestBroker.newClientId();
        if (user == null) {
            user = Credentials.signatureUser(AK, broker.instanceId());
            pass = Credentials.signature(SK, id);
        }
        try (TestMqttClient watcher = signedClient(); TestMqttClient other = signedClient()) {
            assertThat(watcher.subscribe(watchFilter, 1)).isEqualTo(1);
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                MqttConnAckMessage ack = raw.connectWithWill(id, user, pass, willTopic, willPayload, 1);
                if (ack != null && ack.variableHeader().connectReturnCode().byteValue() == 0) {
                    Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).online());
                }
            } // dropped without DISCONNECT: a will, if accepted, would be published now
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            Markers.flush(watcher, other);
            assertThat(watcher.inbox().all()).extracting(Received::text).doesNotContain("will");
        }
    }

    @Test
    @DisplayName("LMQ-AUTH-2: the will of a token client without W on the will topic reaches no one")
    void willNeedsWritePermission() {
        var t = broker.admin().tokens().applyToken(broker.instanceId(), PARENT + "/a/#", "R,W",
                broker.admin().now() + 3_600_000L);
        assertWillNotDelivered(Credentials.tokenUser(AK, broker.instanceId()), "RW|" + t.token(),
                PARENT + "/b/x", "will".getBytes(), PARENT + "/b/x");
    }

    @Test
    @DisplayName("LMQ-AUTH-2: the will of a token client with W on the will topic is delivered (control case)")
    void willWithWritePermissionDelivered() {
        var t = broker.admin().tokens().applyToken(broker.instanceId(), PARENT + "/a/#", "R,W",
                broker.admin().now() + 3_600_000L);
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient watcher = signedClient()) {
            assertThat(watcher.subscribe(PARENT + "/a/will", 1)).isEqualTo(1);
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                MqttConnAckMessage ack = raw.connectWithWill(id, Credentials.tokenUser(AK, broker.instanceId()),
                        "RW|" + t.token(), PARENT + "/a/will", "will".getBytes(), 1);
                assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();
            }
            assertThat(watcher.inbox().awaitOne(PARENT + "/a/will").text()).isEqualTo("will");
        }
    }

    @Test
    @DisplayName("LMQ-TOPIC-1: a will on a 65-character topic reaches no one")
    void willOnOverlongTopic() {
        String longTopic = PARENT + "/" + "w".repeat(65 - PARENT.length() - 1);
        assertWillNotDelivered(null, null, longTopic, "will".getBytes(), PARENT + "/#");
    }

    @Test
    @DisplayName("LMQ-TOPIC-2: a will on a topic with a bad level reaches no one")
    void willOnBadLevel() {
        assertWillNotDelivered(null, null, PARENT + "/a b", "will".getBytes(), PARENT + "/#");
    }

    @Test
    @DisplayName("LMQ-MSG-1: a will payload over 65,536 bytes reaches no one")
    void oversizeWill() {
        byte[] big = new byte[65_537];
        Arrays.fill(big, (byte) 'w');
        System.arraycopy("will".getBytes(), 0, big, 0, 4);
        String topic = LmqTestBroker.newTopic();
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient watcher = signedClient(); TestMqttClient other = signedClient()) {
            assertThat(watcher.subscribe(topic, 1)).isEqualTo(1);
            try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
                raw.connectWithWill(id, Credentials.signatureUser(AK, broker.instanceId()), Credentials.signature(SK, id),
                        topic, big, 1);
            }
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            Markers.flush(watcher, other);
            assertThat(watcher.inbox().on(topic)).isEmpty();
        }
    }
}
