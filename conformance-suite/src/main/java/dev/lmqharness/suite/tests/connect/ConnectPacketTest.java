package dev.lmqharness.suite.tests.connect;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.Will;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.assertClosedWithoutConnAck;
import static dev.lmqharness.suite.tests.support.Checks.assertNotAccepted;
import static dev.lmqharness.suite.tests.support.Checks.code;
import static dev.lmqharness.suite.tests.support.Checks.invalidUtf8;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.withBytes;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.CLEAN_SESSION;
import static dev.lmqharness.kit.wire.RawBytes.PASSWORD_FLAG;
import static dev.lmqharness.kit.wire.RawBytes.USERNAME_FLAG;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.concat;
import static dev.lmqharness.kit.wire.RawBytes.connect;
import static dev.lmqharness.kit.wire.RawBytes.connectHeader;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT validation and the CONNACK that answers it (section 3.1, 3.2). */
@ConformanceTest
class ConnectPacketTest {

    private static byte[] credentialsTail(UserPass c) {
        if (!c.present()) {
            return new byte[0];
        }
        return c.password() == null ? str(c.username()) : concat(str(c.username()), field(c.password()));
    }

    private static int credentialFlags(UserPass c) {
        if (!c.present()) {
            return 0;
        }
        return USERNAME_FLAG | (c.password() == null ? 0 : PASSWORD_FLAG);
    }

    @Test
    @Rule("MQTT-3.1.0-1")
    void firstPacketMustBeConnect(SuiteContext ctx) {
        for (String what : new String[] {"PINGREQ", "PUBLISH", "SUBSCRIBE", "DISCONNECT", "an HTTP request"}) {
            RawMqttClient c = ctx.raw();
            switch (what) {
                case "PINGREQ" -> c.send(Packets.pingreq());
                case "PUBLISH" -> c.send(Packets.publish(ctx.topics().topic("early"), 1, false, 1, utf8("before-connect")));
                case "SUBSCRIBE" -> c.send(Packets.subscribe(1, new Packets.Sub(ctx.topics().topic("early"), 1)));
                case "DISCONNECT" -> c.send(Packets.disconnect());
                default -> c.sendBytes("GET / HTTP/1.1\r\nHost: mqtt\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "an HTTP request");
            }
            assertClosed(c, ctx, what + " before CONNECT");
            assertThat(c.history()).as("packets the server answered %s-before-CONNECT with", what).isEmpty();
        }
    }

    @Test
    @Rule("MQTT-3.1.0-2")
    void secondConnectIsAProtocolViolation(SuiteContext ctx) {
        ConnectSpec spec = ctx.connectSpec();
        RawMqttClient c = ctx.rawConnected(spec);
        c.send(Packets.connect(spec));
        assertClosed(c, ctx, "a second CONNECT on the same connection");
    }

    @Test
    @Rule("MQTT-3.1.2-1")
    void wrongProtocolNameIsNotProcessedAsMqtt311(SuiteContext ctx) {
        String id = ctx.clientId();
        UserPass cr = ctx.target().credentialsFor(id);
        RawMqttClient c = ctx.raw();
        c.sendBytes(packet(0x10, connectHeader("MQTX", 4, CLEAN_SESSION | credentialFlags(cr), 60), str(id), credentialsTail(cr)),
                "CONNECT with protocol name MQTX");
        c.awaitClosed(ctx.timeout());
        c.history().stream().filter(r -> r.type() == MqttMessageType.CONNACK)
                .filter(r -> code((MqttConnAckMessage) r.message()) == 0).findFirst().ifPresent(r -> {
                    throw new AssertionError("a CONNECT with protocol name 'MQTX' was accepted as MQTT 3.1.1 (CONNACK 0x00)");
                });
    }

    @Test
    @Rule({"MQTT-3.1.2-2", "MQTT-3.2.2-4", "MQTT-3.2.2-5"})
    void unsupportedProtocolLevelGetsReturnCode1(SuiteContext ctx) {
        String id = ctx.clientId();
        UserPass cr = ctx.target().credentialsFor(id);
        RawMqttClient c = ctx.raw();
        c.sendBytes(packet(0x10, connectHeader("MQTT", 0x7F, CLEAN_SESSION | credentialFlags(cr), 60), str(id), credentialsTail(cr)),
                "CONNECT with protocol level 127");
        MqttConnAckMessage ack = c.expect(MqttMessageType.CONNACK, ctx.timeout());
        assertThat(code(ack)).as("CONNACK return code for protocol level 127").isEqualTo(0x01);
        assertThat(ack.variableHeader().isSessionPresent()).as("Session Present of a refusal").isFalse();
        assertClosed(c, ctx, "after CONNACK 0x01");
    }

    @Test
    @Rule("MQTT-3.1.2-3")
    void reservedConnectFlagMustBeZero(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | 0x01, 60, ctx.target().credentialsFor(id), str(id)), "CONNECT with reserved flag 1");
        assertNotAccepted(c, ctx, "CONNECT with the reserved flag set");
    }

    @Test
    @Rule({"MQTT-3.1.3-3", "MQTT-3.1.4-1"})
    void connectWithoutClientIdentifierIsMalformed(SuiteContext ctx) {
        RawMqttClient c = ctx.raw();
        c.sendBytes(packet(0x10, connectHeader("MQTT", 4, CLEAN_SESSION, 60)), "CONNECT with no payload at all");
        assertClosedWithoutConnAck(c, ctx, "CONNECT without a Client Identifier");
    }

    /** Every kind of invalid UTF-8 (and U+0000) in the client ID, each on its own connection. */
    @Test
    @Rule({"MQTT-3.1.3-4", "MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    void clientIdentifierMustBeWellFormedUtf8(SuiteContext ctx) {
        invalidUtf8().forEach((what, bad) -> {
            RawMqttClient c = ctx.raw();
            c.sendBytes(connect(CLEAN_SESSION, 60, UserPass.NONE, field(withBytes("a", bad))), "CONNECT with client ID 'a' + " + what + " + 'b'");
            assertNotAccepted(c, ctx, "a client ID with " + what);
        });
    }

    @Test
    @Rule("MQTT-3.1.4-4")
    void validConnectIsAcceptedWithReturnCode0(SuiteContext ctx) {
        RawMqttClient c = ctx.raw();
        MqttConnAckMessage ack = c.connect(ctx.connectSpec(), ctx.timeout());
        assertThat(code(ack)).as("CONNACK return code").isZero();
    }

    @Test
    @Rule("MQTT-3.2.0-1")
    void firstPacketFromServerIsConnack(SuiteContext ctx) {
        RawMqttClient c = ctx.raw();
        c.send(Packets.connect(ctx.connectSpec()));
        c.send(Packets.subscribe(1, new Packets.Sub(ctx.topics().topic("a"), 1)));
        c.send(Packets.pingreq());
        c.expect(MqttMessageType.CONNACK, ctx.timeout());
    }

    @Test
    @Rule({"MQTT-3.1.3-7", "MQTT-3.1.3-8"})
    void zeroLengthClientIdWithPersistentSessionIsRejected(SuiteContext ctx) {
        RawMqttClient c = ctx.raw();
        MqttConnAckMessage ack = c.connect(new ConnectSpec("", false, 60, ctx.target().credentialsFor(""), null), ctx.timeout());
        assertThat(code(ack)).as("CONNACK for a zero-length client ID with CleanSession=0").isEqualTo(0x02);
        assertThat(ack.variableHeader().isSessionPresent()).isFalse();
        assertClosed(c, ctx, "after CONNACK 0x02");
    }

    @Test
    @Rule("MQTT-3.1.3-6")
    void zeroLengthClientIdGetsAUniqueIdentifier(SuiteContext ctx) {
        RawMqttClient a = ctx.raw();
        MqttConnAckMessage ackA = a.connect(new ConnectSpec("", true, 60, ctx.target().credentialsFor(""), null), ctx.timeout());
        if (code(ackA) != 0) {
            assertThat(code(ackA)).as("a server that does not allow zero-length client IDs refuses with 0x02").isEqualTo(0x02);
            assertClosed(a, ctx, "after CONNACK 0x02");
            return;
        }
        RawMqttClient b = ctx.raw();
        MqttConnAckMessage ackB = b.connect(new ConnectSpec("", true, 60, ctx.target().credentialsFor(""), null), ctx.timeout());
        assertThat(code(ackB)).as("second zero-length client ID").isZero();
        // Each got its own identifier: the second did not take over the first.
        a.send(Packets.pingreq());
        a.expect(MqttMessageType.PINGRESP, ctx.timeout());
        b.send(Packets.pingreq());
        b.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }

    @BothClients
    @Rule("MQTT-3.1.3-5")
    @Profiles(value = TargetProfile.MQTT311, reason = Reasons.LMQ_CLIENT_ID_FORM)
    void alphanumericClientIdOf23BytesIsAllowed(ClientKind kind, SuiteContext ctx) {
        String base = ctx.target().naming().deviceId() + "AZaz09";
        String id = (base + "abcdefghijklmnopqrstuvwxyz").substring(0, 23);
        AppClient c = ctx.app(kind, id);
        ConnectOutcome out = c.connect(ctx.appOptions(c, true));
        assertThat(out.accepted()).as("23-byte alphanumeric client ID %s: %s", id, out).isTrue();
    }

    @Test
    @Rule("MQTT-3.1.3-9")
    @Profiles(value = {TargetProfile.LMQ, TargetProfile.LITE}, reason = "plain MQTT 3.1.1 names no client ID that every server rejects")
    void rejectedClientIdGetsReturnCode2(SuiteContext ctx) {
        String id = ctx.target().naming().groupId() + "@@@" + ctx.target().naming().deviceId() + "/x";
        RawMqttClient c = ctx.raw();
        MqttConnAckMessage ack = c.connect(ctx.connectSpec(id), ctx.timeout());
        assertThat(code(ack)).as("CONNACK for client ID %s", id).isEqualTo(0x02);
        assertClosed(c, ctx, "after CONNACK 0x02");
    }

    @Test
    @Rule("MQTT-3.1.4-5")
    void dataAfterARejectedConnectIsNotProcessed(SuiteContext ctx) {
        String topic = ctx.topics().topic("after-reject");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 0, ctx.timeout());
        RawMqttClient bad = ctx.raw();
        bad.send(Packets.connect(new ConnectSpec("", false, 60, ctx.target().credentialsFor(""), null)));
        bad.send(Packets.publish(topic, 0, false, 0, utf8("must-not-arrive")));
        MqttConnAckMessage ack = bad.expect(MqttMessageType.CONNACK, ctx.timeout());
        assertThat(code(ack)).as("CONNACK for zero-length client ID + CleanSession=0").isNotZero();
        assertClosed(bad, ctx, "after a refused CONNECT");
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 0, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).as("messages delivered from a rejected connection").isEmpty();
    }

    @Test
    @Rule({"MQTT-3.1.2-19", "MQTT-3.1.4-1"})
    void userNameFlagWithoutUserNameIsMalformed(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | USERNAME_FLAG, 60, null, str(id)), "CONNECT with User Name Flag but no user name");
        assertClosedWithoutConnAck(c, ctx, "User Name Flag 1 without a user name");
    }

    @Test
    @Rule("MQTT-3.1.2-21")
    void passwordFlagWithoutPasswordIsMalformed(SuiteContext ctx) {
        String id = ctx.clientId();
        UserPass cr = ctx.target().credentialsFor(id);
        String user = cr.present() ? cr.username() : "lmqsuite";
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | USERNAME_FLAG | PASSWORD_FLAG, 60, null, str(id), str(user)),
                "CONNECT with Password Flag but no password");
        assertClosedWithoutConnAck(c, ctx, "Password Flag 1 without a password");
    }

    @Test
    @Rule("MQTT-3.1.2-22")
    void passwordWithoutUserNameIsMalformed(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | PASSWORD_FLAG, 60, null, str(id), field(utf8("secret"))),
                "CONNECT with Password Flag 1 and User Name Flag 0");
        assertNotAccepted(c, ctx, "a password without a user name");
    }

    @Test
    @Rule({"MQTT-3.1.2-18", "MQTT-3.1.2-20"})
    void userNameAndPasswordWithoutTheirFlagsAreNotAccepted(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(packet(0x10, connectHeader("MQTT", 4, CLEAN_SESSION, 60), str(id), str("lmqsuite"), field(utf8("secret"))),
                "CONNECT with user name and password fields but neither flag");
        assertNotAccepted(c, ctx, "user name and password present without their flags");
    }

    @Test
    @Rule({"MQTT-3.1.3-11", "MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    void userNameMustBeWellFormedUtf8(SuiteContext ctx) {
        String id = ctx.clientId();
        invalidUtf8().forEach((what, bad) -> {
            RawMqttClient c = ctx.raw();
            c.sendBytes(connect(CLEAN_SESSION | USERNAME_FLAG, 60, null, str(id), field(withBytes("user", bad))),
                    "CONNECT with user name 'user' + " + what + " + 'b'");
            assertNotAccepted(c, ctx, "a user name with " + what);
        });
    }

    /**
     * A DISCONNECT with a reserved bit set is not a DISCONNECT but a protocol violation, so the server
     * closes the connection and, as for any close that is not a proper DISCONNECT (MQTT-3.1.2-8), publishes
     * the Will. The connection closes either way, so only the Will tells whether the server validated
     * the reserved bits: a server that takes the packet for a DISCONNECT discards the Will. The control
     * case shows the same client with a proper DISCONNECT gets no Will published.
     */
    @Test
    @Rule({"MQTT-3.14.1-1", "MQTT-3.1.2-8"})
    void disconnectWithReservedBitsIsAProtocolViolation(SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will-bad-disconnect");
        int q = ctx.deliveryQos();
        RawMqttClient watcher = ctx.rawConnected();
        watcher.subscribe(willTopic, q, ctx.timeout());
        // The control client has its own ID: no takeover can race with its DISCONNECT.
        RawMqttClient polite = ctx.rawConnected(ctx.connectSpec().withWill(new Will(willTopic, utf8("after-proper-disconnect"), q, false)));
        polite.disconnect();
        RawMqttClient c = ctx.rawConnected(ctx.connectSpec().withWill(new Will(willTopic, utf8("after-bad-disconnect"), q, false)));
        c.sendBytes(bytes(0xE1, 0x00), "DISCONNECT with reserved flag bit 0 set");
        assertClosed(c, ctx, "DISCONNECT with reserved bits");
        MqttPublishMessage p = watcher.expectPublish(ctx.timeout());
        watcher.acknowledge(p, ctx.timeout());
        assertThat(text(p)).as("the first message on the Will topic: the Will of the connection closed by a DISCONNECT with reserved bits"
                + " (the Will of the properly disconnected one must not be published)").isEqualTo("after-bad-disconnect");
    }
}
