package dev.lmqharness.broker.lmq;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.lmqharness.broker.lmq.LmqTestBroker.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/** Identity rules over real sockets: LMQ-CID-1..4 and LMQ-GID-1, refusals with CONNACK 0x02. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqClientIdTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** Connects with a library client and returns what it saw; the client is released. */
    private static ConnectResult connect(ClientKind kind, String clientId) {
        try (TestMqttClient c = kind.create(broker.tcp())) {
            ConnectResult r = c.connect(ConnectSpec.of(clientId));
            if (!r.accepted()) {
                assertThat(c.isConnected()).as("%s still connected after refusal", kind).isFalse();
            }
            return r;
        }
    }

    /** Connects with the raw client and asserts CONNACK 0x02 followed by the broker closing the socket. */
    private static void assertRefusedAndClosed(String clientId) {
        try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            MqttConnAckMessage ack = raw.connect(clientId, true, 30);
            assertThat(ack).as("CONNACK for '%s'", clientId).isNotNull();
            assertThat(ack.variableHeader().connectReturnCode().byteValue()).as("return code for '%s'", clientId)
                    .isEqualTo((byte) 0x02);
            assertThat(raw.awaitClosed(Duration.ofSeconds(5))).as("broker closes after refusing '%s'", clientId)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-CID-1: a 64-character Client ID connects; a 65-character one is refused with 0x02")
    void clientIdLength(ClientKind kind) {
        String prefix = GROUP + "@@@" + kind.name().charAt(0);
        String id64 = prefix + "d".repeat(64 - prefix.length());
        String id65 = id64 + "x";
        assertThat(id64).hasSize(64);

        assertThat(connect(kind, id64).returnCode()).isZero();
        assertThat(connect(kind, id65).returnCode()).isEqualTo(0x02);
    }

    @Test
    @DisplayName("LMQ-CID-1: the refused over-long Client ID gets CONNACK 0x02 and the connection is closed")
    void clientIdLengthClosesConnection() {
        assertRefusedAndClosed(GROUP + "@@@" + "d".repeat(54));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"/", ":", ",", "%", " "})
    @DisplayName("LMQ-CID-2: a Client ID with / : , % or a space gets CONNACK 0x02 and the connection is closed")
    void forbiddenCharacter(String ch) {
        assertRefusedAndClosed(GROUP + "@@@dev" + ch + "x");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-CID-2: client libraries see the refusal of a forbidden character as CONNACK 0x02")
    void forbiddenCharacterThroughLibraries(ClientKind kind) {
        assertThat(connect(kind, GROUP + "@@@dev/x").returnCode()).isEqualTo(0x02);
        assertThat(connect(kind, GROUP + "@@@dev x").returnCode()).isEqualTo(0x02);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-CID-2: digits, letters, '-' and '_' are allowed in the Device ID")
    void allowedCharacters(ClientKind kind) {
        assertThat(connect(kind, GROUP + "@@@Dev-0_9z" + kind.ordinal()).returnCode()).isZero();
    }

    @Test
    @DisplayName("LMQ-CID-2: non-printable and non-ASCII characters are refused with 0x02 and the connection closed")
    void nonPrintableCharacters() {
        for (String bad : List.of("\u0007", "\u007f", "\t", "\u00e9")) {
            assertRefusedAndClosed(GROUP + "@@@dev" + bad + "x");
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"GID_testdev1", "@@@dev1", GROUP + "@@@", GROUP + "@@@a@@@b", GROUP + "@@dev1",
            GROUP + "@@@@dev1"})
    @DisplayName("LMQ-CID-3: a Client ID not of the form <GroupID>@@@<DeviceID> gets CONNACK 0x02 and is closed")
    void malformedForm(String clientId) {
        assertRefusedAndClosed(clientId);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-CID-3: client libraries see a missing or doubled @@@ separator refused with CONNACK 0x02")
    void malformedFormThroughLibraries(ClientKind kind) {
        assertThat(connect(kind, "GID_testdev1").returnCode()).isEqualTo(0x02);
        assertThat(connect(kind, GROUP + "@@@a@@@b").returnCode()).isEqualTo(0x02);
    }

    @Test
    @DisplayName("LMQ-CID-3: an empty Client ID is refused with 0x02 (no room for a server-assigned one)")
    void emptyClientId() {
        assertRefusedAndClosed("");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"GID_nosuch@@@dev1", "XID_test@@@dev1", "GID_ab@@@dev1", "gid_test@@@dev1",
            "GID_ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg@@@d"})
    @DisplayName("LMQ-GID-1: a Group ID not created, without GID_/GID-, or too short/long gets CONNACK 0x02 and is closed")
    void badGroupId(String clientId) {
        assertRefusedAndClosed(clientId);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-GID-1: client libraries see an unknown Group ID refused with CONNACK 0x02")
    void badGroupIdThroughLibraries(ClientKind kind) {
        assertThat(connect(kind, "GID_nosuch@@@dev1").returnCode()).isEqualTo(0x02);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-GID-1: a Group ID must be created before use; once created it connects, once deleted it is refused")
    void groupCreatedBeforeUse(ClientKind kind) {
        String group = "GID-late" + kind.ordinal();
        String id = group + "@@@dev1";
        assertThat(connect(kind, id).returnCode()).as("before creation").isEqualTo(0x02);

        assertThat(broker.admin().registry().createGroup(group).ok()).isTrue();
        assertThat(connect(kind, id).returnCode()).as("after creation").isZero();

        assertThat(broker.admin().registry().deleteGroup(group).ok()).isTrue();
        assertThat(connect(kind, id).returnCode()).as("after deletion").isEqualTo(0x02);
    }

    @Test
    @DisplayName("LMQ-GID-1: Group IDs are unique on the instance and must be 7-64 characters starting GID_ or GID-")
    void groupIdRegistry() {
        var registry = broker.admin().registry();
        assertThat(registry.createGroup(GROUP).ok()).as("duplicate").isFalse();
        assertThat(registry.createGroup("GID_abc").ok()).as("7 characters").isTrue();
        assertThat(registry.createGroup("GID_ab").ok()).as("6 characters").isFalse();
        assertThat(registry.createGroup("GID_" + "g".repeat(60)).ok()).as("64 characters").isTrue();
        assertThat(registry.createGroup("GID_" + "g".repeat(61)).ok()).as("65 characters").isFalse();
        assertThat(registry.createGroup("GRP_abcdef").ok()).as("wrong prefix").isFalse();
        assertThat(registry.createGroup("GID_a.b.c").ok()).as("bad character").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-CID-4: a second connection with a connected Client ID closes the older one within 2 s; the newer stays")
    void collisionKicksOlder(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient older = broker.connected(kind, ConnectSpec.of(id));
             TestMqttClient newer = broker.connected(kind, ConnectSpec.of(id));
             TestMqttClient publisher = broker.connected(kind)) {
            Waits.atMost(Duration.ofSeconds(2)).until(() -> !older.isConnected());
            Waits.atMost(Duration.ofSeconds(3)).during(Duration.ofMillis(700)).until(newer::isConnected);

            String topic = LmqTestBroker.newTopic();
            assertThat(newer.subscribe(topic, 1)).isEqualTo(1);
            publisher.publish(topic, "after-kick", 1);
            assertThat(newer.inbox().awaitOne(topic).text()).isEqualTo("after-kick");
            assertThat(broker.admin().clientStatus(id).online()).isTrue();
        }
    }

    @Test
    @DisplayName("LMQ-CID-4: the kicked connection's socket is closed by the broker (raw client)")
    void collisionClosesOldSocket() {
        String id = LmqTestBroker.newClientId();
        try (RawMqttClient older = RawMqttClient.open(broker.tcpPort())) {
            assertThat(older.connect(id, true, 30).variableHeader().connectReturnCode().byteValue()).isZero();
            try (TestMqttClient newer = broker.connected(ClientKind.HIVEMQ, ConnectSpec.of(id))) {
                assertThat(older.awaitClosed(Duration.ofSeconds(2))).isTrue();
                assertThat(newer.isConnected()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-CID-4: a second CONNECT with the same Client ID that is refused (bad signature) does not kick the connected one")
    void refusedSecondConnectDoesNotKick(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        try (TestMqttClient connected = broker.connected(kind, ConnectSpec.of(id));
             TestMqttClient impostor = kind.create(broker.tcp())) {
            ConnectResult r = impostor.connect(ConnectSpec.of(id).credentials(
                    Credentials.signatureUser(LmqTestBroker.AK, broker.instanceId()), "bm90LXRoZS1zaWduYXR1cmU="));
            assertThat(r.returnCode()).isIn(4, 5);
            Waits.atMost(Duration.ofSeconds(3)).during(Duration.ofMillis(500)).until(connected::isConnected);
            assertThat(broker.admin().clientStatus(id).online()).isTrue();
        }
    }
}
