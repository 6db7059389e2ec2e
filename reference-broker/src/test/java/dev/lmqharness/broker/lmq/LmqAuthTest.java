package dev.lmqharness.broker.lmq;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
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
import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static dev.lmqharness.broker.lmq.LmqTestBroker.SK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication over real sockets, on an instance that refuses anonymous access: LMQ-AUTH-1
 * (signature mode) and LMQ-AUTH-2 (token mode: R to subscribe, W to publish, on the token's
 * resources). Refusals are CONNACK 0x04 or 0x05 (Decision); a refused SUBSCRIBE gets 0x80; a
 * PUBLISH without W reaches no one and closes the connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqAuthTest {

    private static final long HOUR = 3_600_000L;

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.builder().anonymousAllowed(false).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String instance() {
        return broker.instanceId();
    }

    private static ConnectSpec signed(String clientId) {
        return Credentials.signed(ConnectSpec.of(clientId), AK, SK, instance());
    }

    private static ConnectSpec withToken(String clientId, String password) {
        return ConnectSpec.of(clientId).credentials(Credentials.tokenUser(AK, instance()), password);
    }

    private static String token(String resources, String actions) {
        var r = broker.admin().tokens().applyToken(instance(), resources, actions, broker.admin().now() + HOUR);
        assertThat(r.success()).as("ApplyToken %s %s: %s", resources, actions, r.message()).isTrue();
        return r.token();
    }

    private static int refusalCode(ClientKind kind, ConnectSpec spec) {
        try (TestMqttClient c = kind.create(broker.tcp())) {
            ConnectResult r = c.connect(spec);
            assertThat(c.isConnected()).isFalse();
            return r.returnCode();
        }
    }

    // ---- LMQ-AUTH-1 --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-1: Signature|AK|instance with Base64(HMAC-SHA1(SecretKey, ClientId)) connects and may publish and subscribe")
    void validSignature(ClientKind kind) {
        try (TestMqttClient sub = broker.connected(kind, signed(LmqTestBroker.newClientId()));
             TestMqttClient pub = broker.connected(kind, signed(LmqTestBroker.newClientId()))) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            pub.publish(topic, "signed", 1);
            assertThat(sub.inbox().awaitOne(topic).text()).isEqualTo("signed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-1: a wrong signature, another client's signature, an unknown AccessKey or instance, or no credentials are refused (0x04/0x05)")
    void invalidSignatures(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String user = Credentials.signatureUser(AK, instance());
        assertThat(refusalCode(kind, ConnectSpec.of(id).credentials(user, Credentials.signature("wrong-secret", id))))
                .as("signed with the wrong SecretKey").isIn(4, 5);
        assertThat(refusalCode(kind, ConnectSpec.of(id).credentials(user, Credentials.signature(SK, id + "x"))))
                .as("signature of another Client ID").isIn(4, 5);
        assertThat(refusalCode(kind, ConnectSpec.of(id).credentials(Credentials.signatureUser("AK-unknown", instance()),
                Credentials.signature(SK, id)))).as("unknown AccessKey").isIn(4, 5);
        assertThat(refusalCode(kind, ConnectSpec.of(id).credentials(Credentials.signatureUser(AK, "other-instance"),
                Credentials.signature(SK, id)))).as("another instance").isIn(4, 5);
        assertThat(refusalCode(kind, ConnectSpec.of(id).credentials(user, null))).as("no password").isIn(4, 5);
        assertThat(refusalCode(kind, ConnectSpec.of(id))).as("no credentials").isIn(4, 5);
        assertThat(broker.admin().clientStatus(id).online()).isFalse();
    }

    @Test
    @DisplayName("LMQ-AUTH-1: a refused signature gets its CONNACK and then the connection is closed (raw client)")
    void refusedSignatureClosesConnection() {
        String id = LmqTestBroker.newClientId();
        try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            MqttConnAckMessage ack = raw.connect(id, true, 30, Credentials.signatureUser(AK, instance()),
                    Credentials.signature("wrong-secret", id));
            assertThat(ack).isNotNull();
            assertThat((int) ack.variableHeader().connectReturnCode().byteValue()).isIn(4, 5);
            assertThat(raw.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }

    // ---- LMQ-AUTH-2 --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: R|<t>|W|<t> and RW|<t> with an R,W token on parent1/# may subscribe and publish")
    void readWriteToken(ClientKind kind) {
        String t = token(PARENT + "/#", "R,W");
        try (TestMqttClient sub = broker.connected(kind, withToken(LmqTestBroker.newClientId(), "R|" + t + "|W|" + t));
             TestMqttClient pub = broker.connected(kind, withToken(LmqTestBroker.newClientId(), "RW|" + t))) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            pub.publish(topic, "with-token", 1);
            assertThat(sub.inbox().awaitOne(topic).text()).isEqualTo("with-token");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: a read-only token may subscribe; its PUBLISH reaches no one and the connection is closed")
    void readOnlyToken(ClientKind kind) {
        String r = token(PARENT + "/#", "R");
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient reader = broker.connected(kind, withToken(LmqTestBroker.newClientId(), "R|" + r));
             TestMqttClient watcher = broker.connected(ClientKind.HIVEMQ, signed(LmqTestBroker.newClientId()));
             TestMqttClient other = broker.connected(ClientKind.HIVEMQ, signed(LmqTestBroker.newClientId()))) {
            assertThat(reader.subscribe(topic, 1)).isEqualTo(1);
            assertThat(watcher.subscribe(topic, 1)).isEqualTo(1);
            reader.publishAsync(topic, "no-W".getBytes(), 1);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !reader.isConnected());
            Markers.flush(watcher, other);
            assertThat(watcher.inbox().on(topic)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: a write-only token may publish; its SUBSCRIBE gets 0x80")
    void writeOnlyToken(ClientKind kind) {
        String w = token(PARENT + "/#", "W");
        String topic = LmqTestBroker.newTopic();
        try (TestMqttClient writer = broker.connected(kind, withToken(LmqTestBroker.newClientId(), "W|" + w));
             TestMqttClient sub = broker.connected(ClientKind.HIVEMQ, signed(LmqTestBroker.newClientId()))) {
            assertThat(writer.subscribe(topic, 1)).isEqualTo(0x80);
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);
            writer.publish(topic, "W-only", 1);
            assertThat(sub.inbox().awaitOne(topic).text()).isEqualTo("W-only");
            assertThat(writer.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: the token's resources bound both actions: outside parent1/a/# SUBSCRIBE gets 0x80 and PUBLISH closes")
    void resourcesBoundTheActions(ClientKind kind) {
        String t = token(PARENT + "/a/#," + PARENT + "/+/x", "R,W");
        try (TestMqttClient c = broker.connected(kind, withToken(LmqTestBroker.newClientId(), "RW|" + t))) {
            assertThat(c.subscribe(PARENT + "/a/deep/er", 1)).isEqualTo(1);
            assertThat(c.subscribe(PARENT + "/b/x", 1)).as("matched by the + resource").isEqualTo(1);
            assertThat(c.subscribe(PARENT + "/b", 1)).isEqualTo(0x80);
            assertThat(c.subscribe(PARENT + "/#", 1)).as("broader than the resources").isEqualTo(0x80);
            c.publish(PARENT + "/a/deep/er", "inside", 1);
            assertThat(c.inbox().awaitOne(PARENT + "/a/deep/er").text()).isEqualTo("inside");
            c.publishAsync(PARENT + "/b", "outside".getBytes(), 1);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: unknown, revoked and expired tokens, and a part naming actions its token lacks, are refused (0x04/0x05)")
    void refusedTokens(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        assertThat(refusalCode(kind, withToken(id, "RW|no-such-token"))).as("unknown").isIn(4, 5);

        String revoked = token(PARENT + "/#", "R,W");
        assertThat(broker.admin().tokens().revokeToken(instance(), revoked).success()).isTrue();
        assertThat(refusalCode(kind, withToken(id, "RW|" + revoked))).as("revoked").isIn(4, 5);

        String readOnly = token(PARENT + "/#", "R");
        assertThat(refusalCode(kind, withToken(id, "W|" + readOnly))).as("W part with an R token").isIn(4, 5);
        assertThat(refusalCode(kind, withToken(id, "garbage"))).as("malformed password").isIn(4, 5);
        assertThat(refusalCode(kind, ConnectSpec.of(id).credentials(Credentials.tokenUser(AK, "other-instance"),
                "RW|" + readOnly))).as("another instance").isIn(4, 5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: a token past its ExpireTime is refused at CONNECT")
    void expiredTokenRefused(ClientKind kind) {
        try (LmqTestBroker own = LmqTestBroker.builder().anonymousAllowed(false).start()) {
            var r = own.admin().tokens().applyToken(own.instanceId(), PARENT + "/#", "R,W", own.admin().now() + 120_000);
            assertThat(r.success()).isTrue();
            own.clock().advance(Duration.ofSeconds(120)); // no sweep: the token is still known, just expired
            try (TestMqttClient c = kind.create(own.tcp())) {
                ConnectResult res = c.connect(ConnectSpec.of(LmqTestBroker.newClientId())
                        .credentials(Credentials.tokenUser(AK, own.instanceId()), "RW|" + r.token()));
                assertThat(res.returnCode()).isIn(4, 5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-AUTH-2: a stored subscription does not outlive the R permission: reconnecting with a token without R on it receives nothing from it")
    void storedSubscriptionNeedsReadPermission(ClientKind kind) {
        String id = LmqTestBroker.newClientId();
        String topic = PARENT + "/a/secret";
        String readA = token(PARENT + "/a/#", "R");
        String readB = token(PARENT + "/b/#", "R");
        try (TestMqttClient pub = broker.connected(ClientKind.HIVEMQ, signed(LmqTestBroker.newClientId()))) {
            try (TestMqttClient first = broker.connected(kind, withToken(id, "R|" + readA).cleanSession(false))) {
                assertThat(first.subscribe(topic, 1)).isEqualTo(1);
                first.disconnect();
            }
            try (TestMqttClient second = broker.connected(kind, withToken(id, "R|" + readB).cleanSession(false))) {
                assertThat(second.subscribe(PARENT + "/b/x", 1)).isEqualTo(1);
                pub.publish(topic, "not-for-B-token", 1);
                pub.publish(PARENT + "/b/x", "for-B-token", 1);
                second.inbox().awaitOne(PARENT + "/b/x");
                assertThat(second.inbox().on(topic)).as("message on a topic the new token may not read").isEmpty();
            }
        }
    }
}
