package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / will messages")
class WillTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    private static TestClient.Will will(String text, int qos, boolean retain) {
        return new TestClient.Will("will/dev", text.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    private TestClient watcher(ClientKind kind) {
        TestClient w = broker.connected(kind, "watcher", true);
        w.subscribe("will/#", 2);
        return w;
    }

    /** A raw CONNECT carrying a will on "will/dev". */
    private static byte[] connectWithWill(String clientId, int keepAlive, String text) {
        return Packets.connect("MQTT", 4, CLEAN_SESSION | WILL | WILL_QOS1, keepAlive,
                utf8(clientId), utf8("will/dev"), binary(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("The will is published when the network connection is lost without DISCONNECT [MQTT-3.1.2-8]")
    void willOnAbnormalLoss(ClientKind kind) throws Exception {
        TestClient watcher = watcher(kind);
        TcpProxy proxy = broker.closeAfterTest(new TcpProxy(broker.tcpPort()));
        TestClient device = broker.client(kind, proxy.endpoint(), "device");
        device.connect(TestClient.ConnectOptions.clean(true).withWill(will("device gone", 1, false)));
        proxy.severAll();
        Received r = watcher.inbox().next();
        assertThat(r.topic()).isEqualTo("will/dev");
        assertThat(r.text()).isEqualTo("device gone");
        assertThat(r.qos()).isEqualTo(1);
        assertThat(r.retain()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A will with RETAIN=1 is published as a retained message [MQTT-3.1.2-17]")
    void retainedWill(ClientKind kind) throws Exception {
        TcpProxy proxy = broker.closeAfterTest(new TcpProxy(broker.tcpPort()));
        TestClient device = broker.client(kind, proxy.endpoint(), "device");
        device.connect(TestClient.ConnectOptions.clean(true).withWill(will("last words", 2, true)));
        proxy.severAll();
        TestClient late = broker.connected(kind, "late", true);
        // The will is published asynchronously after the loss: subscribe until it is there.
        Received r = null;
        for (int attempt = 0; attempt < 20 && r == null; attempt++) {
            late.subscribe("will/dev", 2);
            r = late.inbox().poll(Duration.ofMillis(250), x -> true);
        }
        assertThat(r).as("retained will").isNotNull();
        assertThat(r.text()).isEqualTo("last words");
        assertThat(r.retain()).isTrue();
        assertThat(r.qos()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("No will after DISCONNECT [MQTT-3.1.2-10, MQTT-3.14.4-3]")
    void noWillAfterDisconnect(ClientKind kind) {
        TestClient watcher = watcher(kind);
        TestClient device = broker.client(kind, "device");
        device.connect(TestClient.ConnectOptions.clean(true).withWill(will("must not appear", 1, false)));
        device.disconnect();
        // Same client ID again: its marker is routed after anything the first connection left behind.
        TestClient again = broker.connected(kind, "device", true);
        again.publish("will/marker", "end", 1, false);
        assertThat(watcher.inbox().before("will/marker")).isEmpty();
        watcher.inbox().assertQuietFor(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("No will after DISCONNECT even when the same client ID reconnects right after the close, 20 times [MQTT-3.1.2-10, MQTT-3.14.4-3]")
    void noWillAfterDisconnectWithImmediateReconnect(ClientKind kind) throws Exception {
        TestClient watcher = watcher(kind);
        for (int i = 0; i < 20; i++) {
            RawMqttClient c = broker.raw();
            c.send(connectWithWill("flapper", 60, "flap " + i));
            assertThat(c.expect(CONNACK).connackCode()).isZero();
            c.send(disconnect());
            // The client has seen the broker close after DISCONNECT; it reconnects at once. (Without this
            // wait the broker cannot know the order: the two connections are read on different threads.)
            c.awaitClosedByBroker();
        }
        RawMqttClient last = broker.raw();
        last.send(connectWithWill("flapper", 60, "final"));
        assertThat(last.expect(CONNACK).connackCode()).isZero();
        last.send(publish("will/marker", 1, 1, "end"));
        last.expect(PUBACK);
        assertThat(watcher.inbox().before("will/marker")).as("wills published after DISCONNECT").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("The will is published when the broker closes the connection for keep-alive timeout [MQTT-3.1.2-8, MQTT-3.1.2-24]")
    void willOnKeepAliveTimeout(ClientKind kind) throws Exception {
        TestClient watcher = watcher(kind);
        RawMqttClient c = broker.raw();
        c.send(connectWithWill("sleepy", 1, "timed out"));
        assertThat(c.expect(CONNACK).connackCode()).isZero();
        c.awaitClosedByBroker(Duration.ofSeconds(3));
        assertThat(watcher.inbox().next().text()).isEqualTo("timed out");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("The will is published when the broker closes the connection for a protocol error [MQTT-3.1.2-8]")
    void willOnProtocolError(ClientKind kind) throws Exception {
        TestClient watcher = watcher(kind);
        RawMqttClient c = broker.raw();
        c.send(connectWithWill("broken", 60, "protocol error"));
        assertThat(c.expect(CONNACK).connackCode()).isZero();
        c.send(publish("bad/+/topic", 0, 0, "wildcard in a topic name")); // MQTT-3.3.2-2
        c.awaitClosedByBroker();
        assertThat(watcher.inbox().next().text()).isEqualTo("protocol error");
    }
}
