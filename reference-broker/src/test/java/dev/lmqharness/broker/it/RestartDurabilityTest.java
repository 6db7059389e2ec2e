package dev.lmqharness.broker.it;

import dev.lmqharness.broker.config.StoreConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
@DisplayName("Durable by default: sessions, subscriptions, retained and queued/in-flight messages survive a restart")
class RestartDurabilityTest {

    @TempDir
    Path dataDir;

    // The lambda reads dataDir when each test starts, after JUnit injected it.
    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.of(b -> b.tcpPort(0).rocksDb(dataDir));

    @Test
    @DisplayName("The default store is RocksDB (durable by default)")
    void durableByDefault() {
        assertThat(dev.lmqharness.broker.config.BrokerConfig.defaults().store().type()).isEqualTo(StoreConfig.Type.ROCKSDB);
        assertThat(broker.broker().config().store().type()).isEqualTo(StoreConfig.Type.ROCKSDB);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("After stop/start: the session is present, its subscriptions still match, queued QoS 1/2 messages arrive, retained messages are kept")
    void everythingSurvivesARestart(ClientKind kind) {
        TestClient sub = broker.connected(kind, "restart-sub", false);
        sub.subscribe("rs/q1", 1);
        sub.subscribe("rs/q2", 2);
        sub.disconnect();
        TestClient pub = broker.connected(kind, "restart-pub", true);
        pub.publish("rs/retained", "kept", 1, true);
        for (int i = 0; i < 5; i++) {
            pub.publish("rs/q1", "a" + i, 1, false);
            pub.publish("rs/q2", "b" + i, 2, false);
        }
        pub.disconnect();

        broker.restart();

        TestClient back = broker.client(kind, "restart-sub");
        assertThat(back.connect(false)).as("session present after restart").isTrue();
        List<Received> queued = back.inbox().next(10);
        assertThat(queued.stream().filter(r -> r.topic().equals("rs/q1")).map(Received::text))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "a" + i).toList());
        assertThat(queued.stream().filter(r -> r.topic().equals("rs/q2")).map(Received::text))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "b" + i).toList());

        TestClient pub2 = broker.connected(kind, "restart-pub", true);
        pub2.publish("rs/q1", "after restart", 1, false);
        assertThat(back.inbox().next().text()).as("subscription kept without re-subscribing").isEqualTo("after restart");

        TestClient late = broker.connected(kind, "late", true);
        late.subscribe("rs/retained", 1);
        Received r = late.inbox().next();
        assertThat(r.text()).isEqualTo("kept");
        assertThat(r.retain()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A retained message deleted before the restart stays deleted; a cleanSession=1 session is not restored")
    void deletionsSurviveToo(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("rd/gone", "old", 1, true);
        pub.publish("rd/gone", new byte[0], 1, true);
        pub.publish("rd/kept", "kept", 1, true);
        TestClient clean = broker.connected(kind, "clean-one", true);
        clean.subscribe("rd/x", 1);
        clean.disconnect();
        pub.disconnect();

        broker.restart();

        TestClient late = broker.connected(kind, "late", true);
        late.subscribe("rd/#", 1);
        // Retained messages of one subscription come together; the deleted one would come first (older).
        assertThat(late.inbox().next().topic()).isEqualTo("rd/kept");
        TestClient again = broker.client(kind, "clean-one");
        assertThat(again.connect(false)).as("no session left by cleanSession=1").isFalse();
    }

    @Test
    @DisplayName("In-flight QoS 1 (unacknowledged) and QoS 2 (PUBREC'd) messages survive a restart: re-sent with DUP / PUBREL, original identifiers [MQTT-4.4.0-1]")
    void inflightSurvivesARestart() throws Exception {
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        Packet q1;
        Packet q2;
        try (RawMqttClient sub = RawMqttClient.connected(broker.tcpPort(), "inflight-sub", false)) {
            sub.subscribe(1, "if/q1", 1, "if/q2", 2);
            pub.publish("if/q1", "unacked", 1, false);
            q1 = sub.expect(PUBLISH);
            pub.publish("if/q2", "released", 2, false);
            q2 = sub.expect(PUBLISH);
            sub.send(pubrec(q2.packetId()));
            assertThat(sub.expect(PUBREL).packetId()).isEqualTo(q2.packetId());
        }
        pub.close();

        broker.restart();

        RawMqttClient again = broker.closeAfterTest(RawMqttClient.open(broker.tcpPort()));
        assertThat(again.connect("inflight-sub", false, 60).sessionPresent()).isTrue();
        List<Packet> resumed = List.of(again.next(), again.next());
        assertThat(resumed).anySatisfy(p -> {
            assertThat(p.type()).isEqualTo(PUBLISH);
            assertThat(p.dup()).isTrue();
            assertThat(p.packetId()).isEqualTo(q1.packetId());
            assertThat(p.text()).isEqualTo("unacked");
        });
        assertThat(resumed).anySatisfy(p -> {
            assertThat(p.type()).isEqualTo(PUBREL);
            assertThat(p.packetId()).isEqualTo(q2.packetId());
        });
        again.send(puback(q1.packetId()), pubcomp(q2.packetId()));
        again.assertAlive();
        again.assertNothingFor(java.time.Duration.ofMillis(300));
    }
}
