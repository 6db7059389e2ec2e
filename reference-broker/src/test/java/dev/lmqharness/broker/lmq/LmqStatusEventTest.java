package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.lmq.StatusEvents.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.lmqharness.broker.lmq.LmqTestBroker.AK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client status events over real sockets: LMQ-EVT-1 (connect / disconnect / tcpclean with
 * clientId, channelId, clientIp, time, as JSON on the status topic) and LMQ-EVT-2 (a client is
 * online exactly when one of its channels has a connect and no end event yet).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqStatusEventTest {

    private static LmqTestBroker broker;
    private static TestMqttClient watcherClient;
    private static StatusEvents events;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
        watcherClient = broker.connected(ClientKind.HIVEMQ);
        events = new StatusEvents(watcherClient);
    }

    @AfterAll
    static void stop() {
        watcherClient.close();
        broker.close();
    }

    private static boolean brokerSaysOnline(String id) {
        return broker.admin().clientStatus(id).online();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-EVT-1: connect, then DISCONNECT: a connect and a disconnect event on one channel, with clientId, clientIp and broker time")
    void connectAndDisconnect(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        long before = broker.admin().now();
        try (TestMqttClient c = broker.connected(kind, ConnectSpec.of(id))) {
            Event connect = events.await(id, "connect", null);
            assertThat(connect.channelId()).isNotBlank();
            assertThat(connect.clientIp()).isEqualTo("127.0.0.1");
            assertThat(connect.time()).isBetween(before, broker.admin().now());
            assertThat(connect.channelId()).isEqualTo(broker.admin().clientStatus(id).channelId());
            assertThat(events.online(id)).isTrue();

            c.disconnect();
            Event disconnect = events.await(id, "disconnect", connect.channelId());
            assertThat(disconnect.time()).isGreaterThanOrEqualTo(connect.time());
            assertThat(events.of(id)).extracting(Event::eventType).doesNotContain("tcpclean");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-EVT-1: a kick by a second connection: tcpclean for the old channel, connect for the new, distinct channel IDs")
    void kickIsTcpclean(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient first = broker.connected(kind, ConnectSpec.of(id))) {
            String firstChannel = events.await(id, "connect", null).channelId();
            try (TestMqttClient second = broker.connected(kind, ConnectSpec.of(id))) {
                events.await(id, "tcpclean", firstChannel);
                Waits.atMost(Inbox.DELIVERY).until(() -> events.of(id).stream()
                        .filter(e -> e.eventType().equals("connect")).map(Event::channelId).distinct().count() == 2);
                String secondChannel = broker.admin().clientStatus(id).channelId();
                assertThat(secondChannel).isNotEqualTo(firstChannel);
                assertThat(events.of(id)).filteredOn(e -> e.channelId().equals(secondChannel))
                        .extracting(Event::eventType).containsOnly("connect");
                assertThat(events.online(id)).isTrue();
                assertThat(brokerSaysOnline(id)).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-EVT-1: a connection closed by the broker (admin close) ends with tcpclean, not disconnect")
    void brokerCloseIsTcpclean(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient c = broker.connected(kind, ConnectSpec.of(id))) {
            String channel = events.await(id, "connect", null).channelId();
            assertThat(broker.admin().closeConnection(id)).isTrue();
            events.await(id, "tcpclean", channel);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
            assertThat(events.of(id)).extracting(Event::eventType).doesNotContain("disconnect");
        }
    }

    @Test
    @DisplayName("LMQ-EVT-1: a TCP connection dropped without DISCONNECT ends with tcpclean")
    void droppedSocketIsTcpclean() {
        String id = LmqTestBroker.newClientId();
        String channel;
        try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            assertThat(raw.connect(id, true, 30).variableHeader().connectReturnCode().byteValue()).isZero();
            channel = events.await(id, "connect", null).channelId();
        }
        events.await(id, "tcpclean", channel);
    }

    @Test
    @DisplayName("LMQ-EVT-1: a keep-alive timeout (1 s x 1.5 of silence) ends with tcpclean")
    void keepAliveTimeoutIsTcpclean() {
        String id = LmqTestBroker.newClientId();
        try (RawMqttClient silent = RawMqttClient.open(broker.tcpPort())) {
            assertThat(silent.connect(id, true, 1).variableHeader().connectReturnCode().byteValue()).isZero();
            String channel = events.await(id, "connect", null).channelId();
            assertThat(silent.awaitClosed(Duration.ofSeconds(5))).as("closed by the broker after 1.5 s").isTrue();
            events.await(id, "tcpclean", channel);
        }
    }

    @Test
    @DisplayName("LMQ-EVT-1: a refused CONNECT produces no status event")
    void refusedConnectHasNoEvent() {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient refused = ClientKind.HIVEMQ.create(broker.tcp())) {
            ConnectResult r = refused.connect(ConnectSpec.of(id)
                    .credentials(Credentials.signatureUser(AK, broker.instanceId()), "not-the-signature"));
            assertThat(r.accepted()).isFalse();
        }
        // Events of one Client ID come from its own session loop in order: once this connection's
        // connect event is in, an event of the refused attempt would have come before it.
        try (TestMqttClient ok = broker.connected(ClientKind.HIVEMQ, ConnectSpec.of(id))) {
            events.await(id, "connect", null);
            assertThat(events.of(id)).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-EVT-2: online derived from the events (de-duplicated by channelId) matches the broker through connect, kick, disconnect")
    void onlineFollowsEvents(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        assertThat(events.online(id)).isFalse();
        try (TestMqttClient a = broker.connected(kind, ConnectSpec.of(id))) {
            Waits.atMost(Inbox.DELIVERY).until(() -> events.online(id));
            assertThat(brokerSaysOnline(id)).isTrue();
            String firstChannel = broker.admin().clientStatus(id).channelId();
            try (TestMqttClient b = broker.connected(kind, ConnectSpec.of(id))) {
                events.await(id, "tcpclean", firstChannel);
                Waits.atMost(Inbox.DELIVERY).until(() -> events.of(id).stream()
                        .filter(e -> e.eventType().equals("connect")).count() >= 2);
                assertThat(events.online(id)).as("the newer channel is still online").isTrue();
                assertThat(brokerSaysOnline(id)).isTrue();
                b.disconnect();
                Waits.atMost(Inbox.DELIVERY).until(() -> !events.online(id));
                assertThat(brokerSaysOnline(id)).isFalse();
            }
        }
    }

    @Test
    @DisplayName("LMQ-EVT-1: the status topic is subscribable by any client, also a token client without R on it")
    void statusTopicOpenToAll() {
        var t = broker.admin().tokens().applyToken(broker.instanceId(), LmqTestBroker.PARENT + "/only/this", "R",
                broker.admin().now() + 3_600_000L);
        try (TestMqttClient tokenClient = broker.connected(ClientKind.PAHO, ConnectSpec.of(LmqTestBroker.newClientId())
                .credentials(Credentials.tokenUser(AK, broker.instanceId()), "R|" + t.token()))) {
            StatusEvents own = new StatusEvents(tokenClient);
            String id = LmqTestBroker.newClientId();
            try (TestMqttClient subject = broker.connected(ClientKind.HIVEMQ, ConnectSpec.of(id))) {
                own.await(id, "connect", null);
            }
        }
    }
}
