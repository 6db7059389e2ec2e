package dev.lmqharness.broker.lmq;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscription quotas over real sockets, with small configured caps: LMQ-SUB-1 (5 per client
 * here) and LMQ-SUB-2 (4 wildcard subscriptions per parent topic, instance-wide, here). Refusals
 * are SUBACK 0x80 (Decision). A fresh broker per test: the wildcard quota is instance state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqSubscriptionQuotaTest {

    private static final int PER_CLIENT = 5;
    private static final int WILDCARDS_PER_PARENT = 4;

    private LmqTestBroker broker;

    @BeforeEach
    void start() {
        broker = LmqTestBroker.builder().limits(l -> l.withMaxSubscriptionsPerClient(PER_CLIENT)
                .withMaxWildcardSubscriptionsPerParent(WILDCARDS_PER_PARENT)).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-SUB-1: a client holds at most 5 (configured) subscriptions; A/# and A/a1/# count as two; the 6th gets 0x80")
    void perClientCap(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind); TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            List<String> filters = List.of(PARENT + "/A/#", PARENT + "/A/a1/#", PARENT + "/b", PARENT + "/c/+",
                    PARENT + "/d");
            for (String f : filters) {
                assertThat(sub.subscribe(f, 1)).as("SUBACK for %s", f).isEqualTo(1);
            }
            assertThat(sub.subscribe(PARENT + "/sixth", 1)).as("6th subscription").isEqualTo(0x80);
            assertThat(broker.admin().clientStatus(sub.clientId())
                    .subscriptions()).hasSize(PER_CLIENT);

            // The refused filter is not active: a message on it does not arrive before a later one that does.
            pub.publish(PARENT + "/sixth", "refused-filter", 1);
            pub.publish(PARENT + "/d", "granted-filter", 1);
            sub.inbox().awaitOne(PARENT + "/d");
            assertThat(sub.inbox().on(PARENT + "/sixth")).isEmpty();
            assertThat(sub.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-SUB-1: re-subscribing a held filter does not count twice; unsubscribing frees a slot")
    void resubscribeAndUnsubscribe(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind)) {
            for (int i = 0; i < PER_CLIENT; i++) {
                assertThat(sub.subscribe(PARENT + "/f" + i, 1)).isEqualTo(1);
            }
            assertThat(sub.subscribe(PARENT + "/f0", 1)).as("re-subscribe a held filter").isEqualTo(1);
            assertThat(sub.subscribe(PARENT + "/f0", 0)).as("re-subscribe with another QoS").isEqualTo(0);
            assertThat(sub.subscribe(PARENT + "/new", 1)).as("still full").isEqualTo(0x80);

            sub.unsubscribe(PARENT + "/f1");
            assertThat(sub.subscribe(PARENT + "/new", 1)).as("after UNSUBSCRIBE").isEqualTo(1);
            assertThat(sub.subscribe(PARENT + "/newer", 1)).as("full again").isEqualTo(0x80);
        }
    }

    @Test
    @DisplayName("LMQ-SUB-1: with the documented default, the 31st subscription of a client gets 0x80")
    void documentedDefaultCap() {
        try (LmqTestBroker defaults = LmqTestBroker.start();
             RawMqttClient raw = RawMqttClient.open(defaults.tcpPort())) {
            assertThat(raw.connect(LmqTestBroker.newClientId(), true, 30).variableHeader().connectReturnCode()
                    .byteValue()).isZero();
            List<Integer> codes = new ArrayList<>();
            for (int i = 1; i <= 31; i++) {
                codes.add(raw.subscribe(i, PARENT + "/s" + i, 1));
            }
            assertThat(codes.subList(0, 30)).containsOnly(1);
            assertThat(codes.get(30)).isEqualTo(0x80);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-SUB-2: at most 4 (configured) wildcard subscriptions per parent instance-wide; of 5 subscribers at most 4 receive")
    void wildcardCapPerParent(ClientKind kind) {
        List<TestMqttClient> subs = new ArrayList<>();
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ)) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i <= WILDCARDS_PER_PARENT; i++) {
                TestMqttClient s = broker.connected(kind);
                subs.add(s);
                codes.add(s.subscribe(i % 2 == 0 ? PARENT2 + "/#" : PARENT2 + "/+/x", 1));
            }
            assertThat(codes.subList(0, WILDCARDS_PER_PARENT)).containsOnly(1);
            assertThat(codes.get(WILDCARDS_PER_PARENT)).as("wildcard subscription beyond the cap").isEqualTo(0x80);

            String topic = PARENT2 + "/a/x";
            pub.publish(topic, "to-wildcards", 1);
            for (TestMqttClient s : subs) {
                Markers.flush(s, pub);
            }
            long receivers = subs.stream().filter(s -> !s.inbox().on(topic).isEmpty()).count();
            assertThat(receivers).as("subscribers that received the message").isLessThanOrEqualTo(WILDCARDS_PER_PARENT);
            assertThat(receivers).as("every granted wildcard subscriber received it").isEqualTo(WILDCARDS_PER_PARENT);

            // Another parent has its own count; a non-wildcard filter under the full parent is not limited.
            TestMqttClient last = subs.get(WILDCARDS_PER_PARENT);
            assertThat(last.subscribe(PARENT + "/#", 1)).as("wildcard under another parent").isEqualTo(1);
            assertThat(last.subscribe(topic, 1)).as("plain filter under the full parent").isEqualTo(1);
        } finally {
            subs.forEach(TestMqttClient::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-SUB-2: an UNSUBSCRIBE or the end of a clean session frees a wildcard slot of the parent")
    void wildcardSlotFreed(ClientKind kind) {
        List<TestMqttClient> holders = new ArrayList<>();
        try (TestMqttClient waiting = broker.connected(kind)) {
            for (int i = 0; i < WILDCARDS_PER_PARENT; i++) {
                TestMqttClient h = broker.connected(kind);
                holders.add(h);
                assertThat(h.subscribe(PARENT2 + "/+", 1)).isEqualTo(1);
            }
            assertThat(waiting.subscribe(PARENT2 + "/#", 1)).as("full").isEqualTo(0x80);

            holders.get(0).unsubscribe(PARENT2 + "/+");
            assertThat(waiting.subscribe(PARENT2 + "/#", 1)).as("after UNSUBSCRIBE").isEqualTo(1);

            try (TestMqttClient another = broker.connected(kind)) {
                assertThat(another.subscribe(PARENT2 + "/#", 1)).as("full again").isEqualTo(0x80);
                holders.get(1).disconnect();
                Waits.atMost(java.time.Duration.ofSeconds(5))
                        .until(() -> another.subscribe(PARENT2 + "/#", 1) == 1);
            }
        } finally {
            holders.forEach(TestMqttClient::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-SUB-1: a cleanSession=false client's subscriptions keep their slots across a reconnect; cleanSession=true starts empty")
    void persistentSessionKeepsSlots(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient first = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
            for (int i = 0; i < PER_CLIENT; i++) {
                assertThat(first.subscribe(PARENT + "/p" + i, 1)).isEqualTo(1);
            }
            first.disconnect();
        }
        try (TestMqttClient again = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
            assertThat(again.subscribe(PARENT + "/one-more", 1)).as("slots still held by the session").isEqualTo(0x80);
            again.disconnect();
        }
        try (TestMqttClient clean = broker.connected(kind, ConnectSpec.of(id).cleanSession(true))) {
            for (int i = 0; i < PER_CLIENT; i++) {
                assertThat(clean.subscribe(PARENT + "/q" + i, 1)).as("discarded session freed its slots").isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-SUB-2: wildcard slots stay taken by offline cleanSession=false QoS1 sessions, and are freed by QoS2 ones (LMQ-QOS-2)")
    void wildcardSlotsOfOfflineSessions(ClientKind kind) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WILDCARDS_PER_PARENT; i++) {
            String id = LmqTestBroker.newClientId();
            ids.add(id);
            try (TestMqttClient c = broker.connected(kind, ConnectSpec.of(id).cleanSession(false))) {
                int qos = i < 2 ? 1 : 2;
                assertThat(c.subscribe(PARENT2 + "/+", qos)).isEqualTo(qos);
                c.disconnect();
            }
        }
        for (String id : ids) {
            Waits.atMost(java.time.Duration.ofSeconds(5)).until(() -> !broker.admin().clientStatus(id).online());
        }
        try (TestMqttClient a = broker.connected(kind); TestMqttClient b = broker.connected(kind);
             TestMqttClient c = broker.connected(kind)) {
            assertThat(a.subscribe(PARENT2 + "/#", 1)).as("slot of an offline QoS2 session (1)").isEqualTo(1);
            assertThat(b.subscribe(PARENT2 + "/#", 1)).as("slot of an offline QoS2 session (2)").isEqualTo(1);
            assertThat(c.subscribe(PARENT2 + "/#", 1)).as("both QoS1 sessions still hold theirs").isEqualTo(0x80);
        }
    }

    @Test
    @DisplayName("LMQ-SUB-1: in one SUBSCRIBE with more filters than free slots, each filter gets its own code: granted until full, then 0x80")
    void multiFilterSubscribe() {
        try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            assertThat(raw.connect(LmqTestBroker.newClientId(), true, 30).variableHeader().connectReturnCode()
                    .byteValue()).isZero();
            for (int i = 0; i < PER_CLIENT - 2; i++) {
                assertThat(raw.subscribe(i + 1, PARENT + "/s" + i, 1)).isEqualTo(1);
            }
            raw.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.subscribe().messageId(99)
                    .addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, PARENT + "/m1")
                    .addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_MOST_ONCE, PARENT + "/m2")
                    .addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, PARENT + "/m3")
                    .addSubscription(io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, PARENT + "/s0")
                    .build());
            var ack = (io.netty.handler.codec.mqtt.MqttSubAckMessage) raw.expect(
                    io.netty.handler.codec.mqtt.MqttMessageType.SUBACK, java.time.Duration.ofSeconds(5));
            assertThat(ack.variableHeader().messageId()).isEqualTo(99);
            assertThat(ack.payload().reasonCodes()).as("m1, m2 fill the slots; m3 refused; s0 is held already")
                    .containsExactly(1, 0, 0x80, 1);
        }
    }
}
