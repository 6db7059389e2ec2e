package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.rules.Profile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMQ-ED-1 over real sockets, profile LITE: only QoS0 with cleanSession=true, no offline
 * messages, no wildcards. ("No rules" concerns the rules bridge to other cloud products, which
 * has no MQTT-visible behaviour and is not part of this broker.) The LMQ naming rules still hold.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqLiteEditionTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.builder().profile(Profile.LITE).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-ED-1: every subscription is granted QoS0 and messages arrive at QoS0, whatever QoS was asked or sent")
    void onlyQos0(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind); TestMqttClient pub = broker.connected(kind)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).as("QoS1 asked").isEqualTo(0);
            assertThat(sub.subscribe(topic + "/two", 2)).as("QoS2 asked").isEqualTo(0);
            pub.publish(topic, "q1", 1);
            pub.publish(topic + "/two", "q2", 2);
            assertThat(sub.inbox().awaitOne(topic).qos()).isZero();
            assertThat(sub.inbox().awaitOne(topic + "/two").qos()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-ED-1: wildcard subscriptions get SUBACK 0x80")
    void noWildcards(ClientKind kind) {
        try (TestMqttClient c = broker.connected(kind)) {
            assertThat(c.subscribe(PARENT + "/#", 0)).isEqualTo(0x80);
            assertThat(c.subscribe(PARENT + "/+/x", 0)).isEqualTo(0x80);
            assertThat(c.subscribe(PARENT + "/plain", 0)).isEqualTo(0);
            assertThat(c.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-ED-1: cleanSession=false behaves as true: no session present, no offline messages, no surviving subscription")
    void noOfflineMessages(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            try (TestMqttClient sub = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                assertThat(sub.subscribe(topic, 1)).isZero();
                sub.disconnect();
            }
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
            pub.publish(topic, "while-offline", 1);
            assertThat(broker.admin().queuedMessages()).isZero();
            assertThat(broker.admin().clientStatus(id).sessionPresent()).as("no session kept").isFalse();

            try (TestMqttClient again = kind.create(broker.tcp())) {
                ConnectResult r = again.connect(ConnectSpec.of(id).cleanSession(false));
                assertThat(r.accepted()).isTrue();
                assertThat(r.sessionPresent()).isFalse();
                pub.publish(topic, "after-reconnect", 1);
                Markers.flush(again, pub);
                assertThat(again.inbox().on(topic)).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-ED-1: the Lite edition keeps the LMQ naming rules (a Client ID without @@@ gets 0x02)")
    void namingRulesStillApply(ClientKind kind) {
        try (TestMqttClient c = kind.create(broker.tcp())) {
            assertThat(c.connect(ConnectSpec.of("GID_testdev1")).returnCode()).isEqualTo(0x02);
        }
    }
}
