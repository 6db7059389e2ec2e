package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@DisplayName("Client-ID takeover [MQTT-3.1.4-2, LMQ-CID-4]")
class TakeoverTest {

    static final Duration KICK = Duration.ofSeconds(2);

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    static Stream<Arguments> clientsAndSessions() {
        List<Arguments> out = new ArrayList<>();
        for (ClientKind k : ClientKind.values()) {
            out.add(Arguments.of(k, true));
            out.add(Arguments.of(k, false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, cleanSession={1}")
    @MethodSource("clientsAndSessions")
    @DisplayName("A new connection with a connected client's ID closes the old one within 2 s; the new one stays and works [MQTT-3.1.4-2, LMQ-CID-4]")
    void newConnectionKicksTheOldOne(ClientKind kind, boolean cleanSession) {
        TestClient old = broker.connected(kind, "dup-id", cleanSession);
        old.subscribe("take/t", 1);
        TestClient fresh = broker.client(kind, "dup-id");
        boolean present = fresh.connect(cleanSession);
        assertThat(present).as("session present: the persistent session is taken over, a clean one is new")
                .isEqualTo(!cleanSession);
        await("old connection closed").atMost(KICK).until(() -> !old.isConnected());
        await("new connection stays").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(fresh::isConnected);
        if (cleanSession) {
            fresh.subscribe("take/t", 1);
        }
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("take/t", "to the new one", 1, false);
        assertThat(fresh.inbox().next().text()).isEqualTo("to the new one");
        assertThat(old.inbox().drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Stale cleanup never tears down the new session: subscribe right after takeover, 10 rounds [MQTT-3.1.4-2]")
    void staleCleanupDoesNotHurtTheNewSession(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        TestClient previous = broker.connected(kind, "stale", true);
        for (int round = 0; round < 10; round++) {
            TestClient next = broker.client(kind, "stale");
            next.connect(true);
            next.subscribe("stale/t", 1); // races the old connection's close on the broker
            TestClient old = previous;
            await("old connection closed").atMost(KICK).until(() -> !old.isConnected());
            pub.publish("stale/t", "round " + round, 1, false);
            assertThat(next.inbox().next().text()).isEqualTo("round " + round);
            previous = next;
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Rapid reconnects with one ID: exactly the last connection survives and its persistent session works [MQTT-3.1.4-2]")
    void rapidSequentialReconnects(ClientKind kind) {
        List<TestClient> all = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            TestClient c = broker.client(kind, "rapid");
            c.connect(false); // each waits only for its CONNACK, not for the previous one to close
            if (i == 0) {
                c.subscribe("rapid/t", 1);
            }
            all.add(c);
        }
        TestClient last = all.get(all.size() - 1);
        await("all but the last closed").atMost(KICK)
                .until(() -> all.subList(0, all.size() - 1).stream().noneMatch(TestClient::isConnected));
        assertThat(last.isConnected()).isTrue();
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("rapid/t", "survivor", 1, false);
        assertThat(last.inbox().next().text()).isEqualTo("survivor");
    }

    @Test
    @DisplayName("Concurrent CONNECTs with one ID (20 sockets at once): exactly one connection is left, and it works [MQTT-3.1.4-2]")
    void concurrentConnectsLeaveExactlyOne() throws Exception {
        int n = 20;
        List<RawMqttClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(broker.raw());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (RawMqttClient c : clients) {
                sent.add(pool.submit(() -> {
                    go.await();
                    c.send(Packets.connect("racer", true, 60));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        await("all but one closed").atMost(Duration.ofSeconds(5))
                .until(() -> clients.stream().filter(c -> !c.isClosed()).count() <= 1);
        // Give a wrongly surviving second connection no chance to hide: the count must stay at one.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> clients.stream().filter(c -> !c.isClosed()).count() == 1);
        RawMqttClient survivor = clients.stream().filter(c -> !c.isClosed()).findFirst().orElseThrow();
        Packet ack = survivor.next();
        assertThat(ack.type()).isEqualTo(CONNACK);
        assertThat(ack.connackCode()).isZero();
        assertThat(survivor.subscribe(1, "race/t", 1)).containsExactly(1);
        TestClient pub = broker.connected(ClientKind.HIVEMQ, "pub", true);
        pub.publish("race/t", "winner", 1, false);
        assertThat(survivor.expect(PUBLISH).text()).isEqualTo("winner");
    }
}
