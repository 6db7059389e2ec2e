package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / keep-alive and PINGREQ")
class KeepAliveTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    @Test
    @DisplayName("A silent client is disconnected after 1.5 x keep-alive: not before 1x, not after 3x [MQTT-3.1.2-24]")
    void silentClientIsDisconnectedAtOneAndAHalfTimesKeepAlive() throws Exception {
        int keepAlive = 2;
        RawMqttClient c = broker.raw();
        c.send(Packets.connect("silent", true, keepAlive));
        long start = System.nanoTime();
        assertThat(c.expect(CONNACK).connackCode()).isZero();
        c.awaitClosedByBroker(Duration.ofSeconds(keepAlive * 3L));
        double seconds = (c.closedAtNanos() - start) / 1e9;
        // 1.5 x 2 s = 3 s; a broker enforcing 1x would close at 2 s.
        assertThat(seconds).as("seconds until the broker closed").isGreaterThan(keepAlive * 1.15)
                .isLessThan(keepAlive * 3.0);
    }

    @Test
    @DisplayName("PINGREQ is answered by PINGRESP and keeps a connection alive past 1.5 x keep-alive [MQTT-3.12.4-1, MQTT-3.1.2-24]")
    void pingsKeepTheConnectionAlive() throws Exception {
        RawMqttClient c = broker.raw();
        assertThat(c.connect("pinger", true, 1).connackCode()).isZero();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        try {
            pinger.scheduleAtFixedRate(() -> {
                try {
                    c.send(pingreq());
                    sent.incrementAndGet();
                } catch (Exception ignored) {
                    // the assertion below reports the closed connection
                }
            }, 0, 400, TimeUnit.MILLISECONDS);
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> !c.isClosed());
        } finally {
            pinger.shutdownNow();
            pinger.awaitTermination(2, TimeUnit.SECONDS);
        }
        assertThat(c.expect(PINGRESP, sent.get())).hasSize(sent.get());
    }

    @Test
    @DisplayName("Any control packet counts as activity: QoS 0 PUBLISHes alone keep the connection alive [MQTT-3.1.2-23, -24]")
    void publishesCountAsActivity() throws Exception {
        RawMqttClient c = broker.raw();
        assertThat(c.connect("talker", true, 1).connackCode()).isZero();
        ScheduledExecutorService talker = Executors.newSingleThreadScheduledExecutor();
        try {
            talker.scheduleAtFixedRate(() -> {
                try {
                    c.send(publish("chatter", 0, 0, "x"));
                } catch (Exception ignored) {
                    // the assertion below reports the closed connection
                }
            }, 0, 400, TimeUnit.MILLISECONDS);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !c.isClosed());
        } finally {
            talker.shutdownNow();
            talker.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("Keep-alive 0 turns the mechanism off: an idle client stays connected [MQTT-3.1.2-24]")
    void keepAliveZeroNeverTimesOut() throws Exception {
        RawMqttClient c = broker.raw();
        assertThat(c.connect("idle", true, 0).connackCode()).isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !c.isClosed());
        c.assertAlive();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Client libraries with keep-alive 1 s stay connected well past 1.5 s: the broker answers their PINGREQs [MQTT-3.12.4-1]")
    void clientLibrariesStayConnected(ClientKind kind) {
        TestClient c = broker.client(kind, "lib-" + kind);
        c.connect(new TestClient.ConnectOptions(true, 1, null));
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(c::isConnected);
        c.subscribe("ka/t", 0);
        c.publish("ka/t", "alive", 0, false);
        assertThat(c.inbox().next().text()).isEqualTo("alive");
    }
}
