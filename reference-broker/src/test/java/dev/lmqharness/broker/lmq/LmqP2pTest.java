package dev.lmqharness.broker.lmq;

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

import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-to-point messages over real sockets: LMQ-P2P-1 (delivered to the addressed client alone,
 * without a subscription; ordinary subscriptions never match; the subscribe Decision), LMQ-P2P-2
 * and LMQ-QOS-4 (the receiver's cleanSession and the message QoS decide offline storage).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqP2pTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String p2p(String clientId) {
        return PARENT + "/p2p/" + clientId;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-P2P-1: a message to <parent>/p2p/<clientId> reaches that client without a subscription, and no one else")
    void deliveredToTargetAlone(ClientKind kind) {
        try (TestMqttClient target = broker.connected(kind);
             TestMqttClient bystander = broker.connected(kind);
             TestMqttClient pub = broker.connected(kind)) {
            assertThat(bystander.subscribe(PARENT + "/#", 1)).isEqualTo(1);
            assertThat(bystander.subscribe(PARENT + "/+/+", 1)).isEqualTo(1);
            String topic = p2p(target.clientId());
            pub.publish(topic, "for-target", 1);

            Received r = target.inbox().awaitOne(topic);
            assertThat(r.text()).isEqualTo("for-target");
            Markers.flush(bystander, pub);
            assertThat(bystander.inbox().on(topic)).as("ordinary subscriptions do not match a P2P topic").isEmpty();
            Markers.flush(target, pub);
            assertThat(target.inbox().on(topic)).as("delivered once").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-P2P-1 Decision: a client may subscribe to its own P2P address only; other addresses and P2P wildcards get 0x80")
    void subscribeOnlyOwnAddress(ClientKind kind) {
        try (TestMqttClient c = broker.connected(kind)) {
            assertThat(c.subscribe(p2p(c.clientId()), 1)).as("own address").isEqualTo(1);
            assertThat(c.subscribe(p2p(LmqTestBroker.GROUP + "@@@someoneElse"), 1)).as("another client's address").isEqualTo(0x80);
            assertThat(c.subscribe(PARENT + "/p2p/+", 1)).as("P2P wildcard").isEqualTo(0x80);
            assertThat(c.subscribe(PARENT + "/p2p/#", 1)).as("P2P wildcard").isEqualTo(0x80);
            assertThat(c.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-P2P-1: a P2P message to a client unknown to the broker is dropped; the publisher stays connected")
    void unknownTargetDropped(ClientKind kind) {
        try (TestMqttClient pub = broker.connected(kind)) {
            pub.publish(p2p(LmqTestBroker.GROUP + "@@@nobodyHere"), "lost", 1);
            assertThat(pub.isConnected()).isTrue();
        }
    }

    static Stream<Arguments> onlineCells() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(0, 1, 2).map(q -> Arguments.of(k, q)));
    }

    @ParameterizedTest(name = "{0} QoS{1}")
    @MethodSource("onlineCells")
    @DisplayName("LMQ-QOS-4 online: a P2P message reaches an online receiver at the message's QoS, whatever its cleanSession")
    void onlineReceiver(ClientKind kind, int qos) {
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            for (boolean clean : new boolean[] {true, false}) {
                try (TestMqttClient target = broker.connected(kind,
                        ConnectSpec.of(LmqTestBroker.newClientId()).cleanSession(clean))) {
                    String topic = p2p(target.clientId());
                    pub.publish(topic, "online-" + clean, qos);
                    Received r = target.inbox().awaitOne(topic);
                    assertThat(r.text()).isEqualTo("online-" + clean);
                    assertThat(r.qos()).isEqualTo(qos);
                }
            }
        }
    }

    static Stream<Arguments> offlineCells() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(0, 1, 2)
                .flatMap(q -> Stream.of(true, false).map(c -> Arguments.of(k, q, c))));
    }

    @ParameterizedTest(name = "{0} QoS{1} cleanSession={2}")
    @MethodSource("offlineCells")
    @DisplayName("LMQ-P2P-2 / LMQ-QOS-4 offline: only a QoS1 P2P message to a cleanSession=false receiver is kept for its next connect")
    void offlineReceiver(ClientKind kind, int qos, boolean clean) {
        String id = LmqTestBroker.newClientId();
        ConnectSpec spec = ConnectSpec.of(id).cleanSession(clean);
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (TestMqttClient target = broker.connected(kind, spec)) {
                target.disconnect();
            }
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            pub.publish(p2p(id), "while-offline", qos);
            boolean kept = qos == 1 && !clean;
            Waits.atMost(Duration.ofSeconds(5)).until(() -> broker.admin().clientStatus(id).queuedMessages() == (kept ? 1 : 0));

            try (TestMqttClient again = broker.connected(kind, spec)) {
                Markers.flush(again, pub);
                if (kept) {
                    Received r = again.inbox().awaitOne(p2p(id));
                    assertThat(r.text()).isEqualTo("while-offline");
                    assertThat(r.qos()).isEqualTo(1);
                }
                assertThat(again.inbox().on(p2p(id))).hasSize(kept ? 1 : 0);
            }
        }
    }
}
