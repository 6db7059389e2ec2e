package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / CONNECT validation")
class ConnectTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    static Stream<Arguments> packetsBeforeConnect() {
        return Stream.of(
                Arguments.of("PINGREQ", pingreq()),
                Arguments.of("PUBLISH", publish("a/b", 0, 0, "x")),
                Arguments.of("SUBSCRIBE", subscribe(1, "a/#", 0)),
                Arguments.of("DISCONNECT", disconnect()));
    }

    @ParameterizedTest(name = "{0} first")
    @MethodSource("packetsBeforeConnect")
    @DisplayName("CONNECT must be the first packet: anything else closes the connection with no answer [MQTT-3.1.0-1]")
    void firstPacketMustBeConnect(String name, byte[] packet) throws Exception {
        RawMqttClient c = broker.raw();
        c.send(packet);
        c.awaitClosedByBroker();
        assertThat(c.drain()).as("packets sent before closing").isEmpty();
    }

    @Test
    @DisplayName("A second CONNECT on the same connection closes it [MQTT-3.1.0-2]")
    void secondConnectClosesTheConnection() throws Exception {
        RawMqttClient bystander = broker.rawConnected("bystander", true);
        RawMqttClient c = broker.rawConnected("twice", true);
        c.send(Packets.connect("twice", true, 60));
        c.awaitClosedByBroker();
        assertThat(c.drain()).as("no second CONNACK").isEmpty();
        bystander.assertAlive();
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {3, 5, 6, 0x7F})
    @DisplayName("An unsupported protocol level is refused with CONNACK 0x01, then the connection closes [MQTT-3.1.2-2]")
    void unsupportedProtocolLevelIsRefused(int level) throws Exception {
        RawMqttClient c = broker.raw();
        // Level 5 is sent as a well-formed MQTT 5 CONNECT (empty properties), as an MQTT 5 client would.
        byte[][] payload = level == 5 ? new byte[][]{{0}, utf8("level-5")} : new byte[][]{utf8("level-" + level)};
        c.send(Packets.connect("MQTT", level, CLEAN_SESSION, 60, payload));
        Packet ack = c.next();
        assertThat(ack.type()).as("answer to CONNECT with level %d: %s", level, ack).isEqualTo(CONNACK);
        assertThat(ack.body()).as("a 3.1.1 CONNACK is two bytes").hasSize(2);
        assertThat(ack.connackCode()).as("return code").isEqualTo(0x01);
        c.awaitClosedByBroker();
    }

    @ParameterizedTest(name = "protocol name {0}")
    @ValueSource(strings = {"MQTX", "mqtt", "MQIsdpX"})
    @DisplayName("A wrong protocol name is never accepted: the broker refuses or closes [MQTT-3.1.2-1]")
    void wrongProtocolNameIsNotAccepted(String name) throws Exception {
        RawMqttClient c = broker.raw();
        c.send(Packets.connect(name, 4, CLEAN_SESSION, 60, utf8("name-test")));
        c.awaitClosedByBroker();
        assertThat(c.drain()).as("anything sent must be a refusing CONNACK")
                .allSatisfy(p -> {
                    assertThat(p.type()).isEqualTo(CONNACK);
                    assertThat(p.connackCode()).isNotZero();
                });
    }

    @Test
    @DisplayName("The reserved CONNECT flag must be 0, else the connection is closed without CONNACK [MQTT-3.1.2-3, MQTT-3.1.4-1]")
    void reservedFlagClosesTheConnection() throws Exception {
        RawMqttClient c = broker.raw();
        c.send(Packets.connect("MQTT", 4, CLEAN_SESSION | RESERVED, 60, utf8("reserved")));
        c.awaitClosedByBroker();
        assertThat(c.drain()).as("no CONNACK").isEmpty();
    }

    static Stream<Arguments> badFlagCombinations() {
        byte[] id = utf8("flags");
        byte[] willTopic = utf8("will/t");
        byte[] willMsg = binary("bye".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("will QoS 1 without will flag [MQTT-3.1.2-13]", CLEAN_SESSION | WILL_QOS1, new byte[][]{id}),
                Arguments.of("will QoS 2 without will flag [MQTT-3.1.2-13]", CLEAN_SESSION | WILL_QOS2, new byte[][]{id}),
                Arguments.of("will retain without will flag [MQTT-3.1.2-15]", CLEAN_SESSION | WILL_RETAIN, new byte[][]{id}),
                Arguments.of("will QoS 3 [MQTT-3.1.2-14]", CLEAN_SESSION | WILL | WILL_QOS1 | WILL_QOS2,
                        new byte[][]{id, willTopic, willMsg}),
                Arguments.of("password without user name [MQTT-3.1.2-22]", CLEAN_SESSION | PASSWORD,
                        new byte[][]{id, binary("pw".getBytes(StandardCharsets.UTF_8))}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlagCombinations")
    @DisplayName("Inconsistent will/password flags close the connection without CONNACK [MQTT-3.1.4-1]")
    void inconsistentFlagsCloseTheConnection(String name, int flags, byte[][] payload) throws Exception {
        RawMqttClient c = broker.raw();
        c.send(Packets.connect("MQTT", 4, flags, 60, payload));
        c.awaitClosedByBroker();
        assertThat(c.drain()).as("no CONNACK for %s", name).isEmpty();
    }

    @Test
    @DisplayName("Consistent will and credential flags are accepted (control for the flag tests) [MQTT-3.1.2-14]")
    void consistentFlagsAreAccepted() throws Exception {
        RawMqttClient c = broker.raw();
        c.send(Packets.connect("MQTT", 4, CLEAN_SESSION | WILL | WILL_QOS2 | WILL_RETAIN | USER_NAME | PASSWORD, 60,
                utf8("flags-ok"), utf8("will/t"), binary(new byte[]{1, 2}), utf8("user"), binary(new byte[]{3})));
        assertThat(c.expect(CONNACK).connackCode()).isZero();
        c.assertAlive();
    }

    @Test
    @DisplayName("Zero-length client ID with cleanSession=1: accepted, and each such client gets its own ID [MQTT-3.1.3-6]")
    void zeroLengthClientIdWithCleanSessionIsAssigned() throws Exception {
        RawMqttClient first = broker.raw();
        assertThat(first.connect("", true, 60).connackCode()).isZero();
        RawMqttClient second = broker.raw();
        assertThat(second.connect("", true, 60).connackCode()).isZero();
        // Two assigned IDs that collided would make the second connection take over the first.
        first.assertAlive();
        second.assertAlive();
    }

    @Test
    @DisplayName("Zero-length client ID with cleanSession=0: CONNACK 0x02, then closed [MQTT-3.1.3-8, MQTT-3.2.2-5]")
    void zeroLengthClientIdWithoutCleanSessionIsRefused() throws Exception {
        RawMqttClient c = broker.raw();
        Packet ack = c.connect("", false, 60);
        assertThat(ack.connackCode()).isEqualTo(0x02);
        assertThat(ack.sessionPresent()).as("session present on refusal [MQTT-3.2.2-4]").isFalse();
        c.awaitClosedByBroker();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Zero-length client ID with cleanSession=1 works end to end (both clients) [MQTT-3.1.3-6]")
    void zeroLengthClientIdEndToEnd(ClientKind kind) {
        TestClient c = broker.client(kind, "");
        assertThat(c.connect(true)).as("session present").isFalse();
        c.subscribe("anon/t", 1);
        c.publish("anon/t", "hello", 1, false);
        assertThat(c.inbox().next().text()).isEqualTo("hello");
    }

    @Test
    @DisplayName("CONNACK session-present: 0 for a clean or new session, 1 when a stored session resumes [MQTT-3.2.2-1, -2, -3]")
    void sessionPresentOnTheWire() throws Exception {
        try (RawMqttClient c = RawMqttClient.open(broker.tcpPort())) {
            assertThat(c.connect("sp", false, 60).sessionPresent()).as("new persistent session").isFalse();
            c.send(disconnect());
            c.awaitClosedByBroker();
        }
        try (RawMqttClient c = RawMqttClient.open(broker.tcpPort())) {
            assertThat(c.connect("sp", false, 60).sessionPresent()).as("resumed persistent session").isTrue();
            c.send(disconnect());
            c.awaitClosedByBroker();
        }
        try (RawMqttClient c = RawMqttClient.open(broker.tcpPort())) {
            assertThat(c.connect("sp", true, 60).sessionPresent()).as("cleanSession=1").isFalse();
            c.send(disconnect());
            c.awaitClosedByBroker();
        }
        try (RawMqttClient c = RawMqttClient.open(broker.tcpPort())) {
            assertThat(c.connect("sp", false, 60).sessionPresent()).as("after cleanSession=1 discarded it").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("CONNACK session-present as the application sees it (both clients) [MQTT-3.2.2-1, -2]")
    void sessionPresentInTheClient(ClientKind kind) {
        TestClient c = broker.client(kind, "sp-app");
        assertThat(c.connect(false)).isFalse();
        c.disconnect();
        assertThat(c.connect(false)).isTrue();
        c.disconnect();
        assertThat(c.connect(true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A refused CONNECT is reported to the client as refused (zero-length ID, cleanSession=0) [MQTT-3.1.3-8]")
    void refusalReachesTheApplication(ClientKind kind) {
        TestClient c = broker.client(kind, "");
        assertThatThrownBy(() -> c.connect(false)).isInstanceOfSatisfying(TestClient.ConnectRefused.class,
                e -> assertThat(e.returnCode).as("CONNACK return code seen by the client").isEqualTo(0x02));
        assertThat(c.isConnected()).isFalse();
    }
}
