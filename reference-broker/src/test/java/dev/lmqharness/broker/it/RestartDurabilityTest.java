package dev.lmqharness.broker.it;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static dev.lmqharness.broker.it.KitClients.next;
import static org.assertj.core.api.Assertions.assertThat;

/** The store's business: what a session holds is still there after the broker stopped and started on the same data. */
@Timeout(60)
@DisplayName("Durable by default: sessions, subscriptions, retained and queued/in-flight messages survive a restart")
class RestartDurabilityTest {

    @TempDir
    Path dataDir;

    // The lambda reads dataDir when each test starts, after JUnit injected it.
    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.of(b -> b.tcpPort(0).rocksDb(dataDir));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("The default store is RocksDB (durable by default)")
    void durableByDefault() {
        assertThat(BrokerConfig.defaults().store().type()).isEqualTo(StoreConfig.Type.ROCKSDB);
        assertThat(broker.broker().config().store().type()).isEqualTo(StoreConfig.Type.ROCKSDB);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("After stop/start: the session is present, its subscriptions still match, queued QoS 1/2 messages arrive, retained messages are kept")
    void everythingSurvivesARestart(ClientKind kind) {
        AppClient sub = broker.connected(kind, "restart-sub", false);
        sub.subscribe("rs/q1", 1);
        sub.subscribe("rs/q2", 2);
        sub.disconnect();
        AppClient pub = broker.connected(kind, "restart-pub", true);
        pub.publish("rs/retained", utf8("kept"), 1, true);
        for (int i = 0; i < 5; i++) {
            pub.publish("rs/q1", utf8("a" + i), 1, false);
            pub.publish("rs/q2", utf8("b" + i), 2, false);
        }
        pub.disconnect();

        broker.restart();

        AppClient back = broker.client(kind, "restart-sub");
        assertThat(KitClients.connect(back, false)).as("session present after restart").isTrue();
        List<AppMessage> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(next(back));
        }
        assertThat(queued.stream().filter(r -> r.topic().equals("rs/q1")).map(AppMessage::text))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "a" + i).toList());
        assertThat(queued.stream().filter(r -> r.topic().equals("rs/q2")).map(AppMessage::text))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "b" + i).toList());

        AppClient pub2 = broker.connected(kind, "restart-pub", true);
        pub2.publish("rs/q1", utf8("after restart"), 1, false);
        assertThat(next(back).text()).as("subscription kept without re-subscribing").isEqualTo("after restart");

        AppClient late = broker.connected(kind, "late", true);
        late.subscribe("rs/retained", 1);
        AppMessage r = next(late);
        assertThat(r.text()).isEqualTo("kept");
        assertThat(r.retained()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A retained message deleted before the restart stays deleted; a cleanSession=1 session is not restored")
    void deletionsSurviveToo(ClientKind kind) {
        AppClient pub = broker.connected(kind, "pub", true);
        pub.publish("rd/gone", utf8("old"), 1, true);
        pub.publish("rd/gone", new byte[0], 1, true);
        pub.publish("rd/kept", utf8("kept"), 1, true);
        AppClient clean = broker.connected(kind, "clean-one", true);
        clean.subscribe("rd/x", 1);
        clean.disconnect();
        pub.disconnect();

        broker.restart();

        AppClient late = broker.connected(kind, "late", true);
        late.subscribe("rd/#", 1);
        // Retained messages of one subscription come together; the deleted one would come first (older).
        assertThat(next(late).topic()).isEqualTo("rd/kept");
        AppClient again = broker.client(kind, "clean-one");
        assertThat(KitClients.connect(again, false)).as("no session left by cleanSession=1").isFalse();
    }

    @Test
    @Rule("MQTT-4.4.0-1")
    @DisplayName("In-flight QoS 1 (unacknowledged) and QoS 2 (PUBREC'd) messages survive a restart: re-sent with DUP / PUBREL, original identifiers")
    void inflightSurvivesARestart() {
        AppClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        MqttPublishMessage q1;
        MqttPublishMessage q2;
        try (RawMqttClient sub = KitClients.rawConnected(broker.tcpPort(), "inflight-sub", false)) {
            sub.subscribe(TIMEOUT, new Packets.Sub("if/q1", 1), new Packets.Sub("if/q2", 2));
            pub.publish("if/q1", utf8("unacked"), 1, false);
            q1 = sub.expectPublish(TIMEOUT);
            pub.publish("if/q2", utf8("released"), 2, false);
            q2 = sub.expectPublish(TIMEOUT);
            sub.send(Packets.pubrec(q2.variableHeader().packetId()));
            assertThat(idOf(sub.expect(MqttMessageType.PUBREL, TIMEOUT))).isEqualTo(q2.variableHeader().packetId());
        }
        int q1Id = q1.variableHeader().packetId();
        int q2Id = q2.variableHeader().packetId();
        pub.close();

        broker.restart();

        RawMqttClient again = broker.raw("inflight-sub again");
        assertThat(again.connect(KitClients.spec("inflight-sub", false), TIMEOUT).variableHeader().isSessionPresent()).isTrue();
        List<MqttMessage> resumed = List.of(again.next(TIMEOUT), again.next(TIMEOUT));
        assertThat(resumed).anySatisfy(m -> {
            assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
            MqttPublishMessage p = (MqttPublishMessage) m;
            assertThat(p.fixedHeader().isDup()).isTrue();
            assertThat(p.variableHeader().packetId()).isEqualTo(q1Id);
            assertThat(new String(RawMqttClient.payloadOf(p), StandardCharsets.UTF_8)).isEqualTo("unacked");
        });
        assertThat(resumed).anySatisfy(m -> {
            assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
            assertThat(idOf(m)).isEqualTo(q2Id);
        });
        again.send(Packets.puback(q1Id));
        again.send(Packets.pubcomp(q2Id));
        again.expectNoPacket(Duration.ofMillis(300), "both flows were completed");
        assertThat(again.isOpen()).isTrue();
    }

    private static int idOf(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }
}
