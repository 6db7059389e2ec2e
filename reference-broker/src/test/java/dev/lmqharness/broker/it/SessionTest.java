package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("Sessions: cleanSession=0 keeps, cleanSession=1 discards")
class SessionTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("cleanSession=0: subscriptions survive a disconnect [MQTT-3.1.2-4]")
    void subscriptionsSurvive(ClientKind kind) {
        TestClient sub = broker.connected(kind, "keeper", false);
        sub.subscribe("keep/t", 1);
        sub.disconnect();
        assertThat(sub.connect(false)).as("session present").isTrue();
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("keep/t", "still subscribed", 1, false);
        assertThat(sub.inbox().next().text()).isEqualTo("still subscribed");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("cleanSession=0: QoS 1 and 2 messages published while offline are delivered on reconnect, in order [MQTT-3.1.2-5, MQTT-4.6.0-5]")
    void offlineMessagesAreQueued(ClientKind kind) {
        TestClient sub = broker.connected(kind, "offline", false);
        sub.subscribe("off/1", 1);
        sub.subscribe("off/2", 2);
        sub.disconnect();
        TestClient pub = broker.connected(kind, "pub", true);
        for (int i = 0; i < 5; i++) {
            pub.publish("off/1", "a" + i, 1, false);
            pub.publish("off/2", "b" + i, 2, false);
        }
        assertThat(sub.connect(false)).isTrue();
        List<Received> got = sub.inbox().next(10);
        assertThat(got.stream().filter(r -> r.topic().equals("off/1")).map(Received::text))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "a" + i).toList());
        assertThat(got.stream().filter(r -> r.topic().equals("off/2")).map(Received::text))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> "b" + i).toList());
        assertThat(got.stream().filter(r -> r.topic().equals("off/2")).map(Received::qos)).containsOnly(2);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("cleanSession=0 after an abnormal loss: messages published meanwhile are delivered [MQTT-3.1.2-5]")
    void queuedAcrossAbnormalLoss(ClientKind kind) throws Exception {
        TcpProxy proxy = broker.closeAfterTest(new TcpProxy(broker.tcpPort()));
        TestClient sub = broker.client(kind, proxy.endpoint(), "lossy");
        sub.connect(false);
        sub.subscribe("loss/t", 1);
        proxy.severAll();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !sub.isConnected());
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("loss/t", "while away", 1, false);
        TestClient back = broker.client(kind, "lossy");
        assertThat(back.connect(false)).isTrue();
        assertThat(back.inbox().next().text()).isEqualTo("while away");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("cleanSession=1 discards the stored session: no subscriptions, no queued messages [MQTT-3.1.2-6]")
    void cleanSessionDiscards(ClientKind kind) {
        TestClient sub = broker.connected(kind, "cleaner", false);
        sub.subscribe("gone/t", 1);
        sub.disconnect();
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("gone/t", "queued for the old session", 1, false);

        assertThat(sub.connect(true)).as("session present").isFalse();
        sub.subscribe("marker", 1);
        pub.publish("gone/t", "after the clean start", 1, false);
        pub.publish("marker", "end", 1, false);
        assertThat(sub.inbox().before("marker")).as("queued or subscribed-before messages").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A cleanSession=1 session ends with its connection: nothing of it is found later [MQTT-3.1.2-6]")
    void cleanSessionDoesNotOutliveTheConnection(ClientKind kind) {
        TestClient sub = broker.connected(kind, "brief", true);
        sub.subscribe("brief/t", 1);
        sub.disconnect();
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("brief/t", "nobody home", 1, false);
        assertThat(sub.connect(false)).as("session present").isFalse();
        sub.subscribe("marker", 1);
        pub.publish("brief/t", "still nobody", 1, false);
        pub.publish("marker", "end", 1, false);
        assertThat(sub.inbox().before("marker")).isEmpty();
    }
}
