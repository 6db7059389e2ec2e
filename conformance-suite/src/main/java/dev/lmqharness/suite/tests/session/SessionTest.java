package dev.lmqharness.suite.tests.session;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.ConnectSpec;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.kit.wire.RawBytes.PASSWORD_FLAG;
import static dev.lmqharness.kit.wire.RawBytes.USERNAME_FLAG;
import static dev.lmqharness.kit.wire.RawBytes.concat;
import static dev.lmqharness.kit.wire.RawBytes.connectHeader;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.suite.tests.support.Checks.code;
import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.OfflineBarrier.awaitOffline;
import static org.assertj.core.api.Assertions.assertThat;

/** Session state and CleanSession (3.1.2.4, 3.2.2.2, 4.1). */
@ConformanceTest
class SessionTest {

    static final String LITE_REASON = Reasons.LITE_CLEAN_SESSION;

    @BothClients
    @Rule({"MQTT-3.1.2-4", "MQTT-3.2.2-2", "MQTT-3.2.2-3", "MQTT-3.1.3-2", "MQTT-4.1.0-1", "MQTT-3.1.4-3"})
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = LITE_REASON)
    void persistentSessionIsResumed(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("resume");
        AppClient c = ctx.app(kind);
        ConnectOutcome first = ctx.connect(c, false);
        assertThat(first.sessionPresent()).as("Session Present for a client ID the server has never seen").isFalse();
        assertThat(c.subscribe(topic, 1)).containsExactly(1);
        c.disconnect();

        ConnectOutcome second = ctx.connect(c, false);
        assertThat(second.sessionPresent()).as("Session Present when the server holds the session").isTrue();
        AppClient pub = ctx.appConnected(kind);
        pub.publish(topic, utf8("resumed"), 1, false);
        AppMessage m = message(c, ctx);
        assertThat(m.text()).as("delivered through the subscription kept in the session").isEqualTo("resumed");
    }

    @BothClients
    @Rule({"MQTT-3.1.2-5", "MQTT-4.5.0-1"})
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = LITE_REASON)
    void qos1And2MessagesAreStoredWhileDisconnected(ClientKind kind, SuiteContext ctx) {
        // Under the LMQ profiles QoS 2 subscriptions keep no offline messages (the rulebook's QoS x cleanSession table).
        boolean qos2Kept = ctx.target().profile() == TargetProfile.MQTT311;
        String t1 = ctx.topics().topic("q1");
        String t2 = ctx.topics().topic("q2");
        AppClient c = ctx.app(kind);
        ctx.connect(c, false);
        assertThat(c.subscribe(t1, 1)).containsExactly(1);
        if (qos2Kept) {
            assertThat(c.subscribe(t2, 2)).containsExactly(2);
        }
        c.disconnect();
        awaitOffline(ctx, c.clientId(), false);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(t1, utf8("stored-qos1"), 1, false);
        if (qos2Kept) {
            pub.publish(t2, utf8("stored-qos2"), 2, false);
        }
        ctx.connect(c, false);
        List<String> got = new ArrayList<>();
        got.add(message(c, ctx).text());
        if (qos2Kept) {
            got.add(message(c, ctx).text());
        }
        assertThat(got).as("messages published while the persistent session was offline")
                .containsExactlyInAnyOrderElementsOf(qos2Kept ? List.of("stored-qos1", "stored-qos2") : List.of("stored-qos1"));
    }

    @BothClients
    @Rule({"MQTT-3.1.2-6", "MQTT-3.2.2-1"})
    void cleanSessionDiscardsThePreviousSession(ClientKind kind, SuiteContext ctx) {
        boolean persistentAllowed = ctx.target().profile() != TargetProfile.LITE;
        String topic = ctx.topics().topic("old");
        String control = ctx.topics().topic("control");
        AppClient c = ctx.app(kind);
        if (persistentAllowed) {
            ctx.connect(c, false);
            assertThat(c.subscribe(topic, 1)).containsExactly(1);
            c.disconnect();
            awaitOffline(ctx, c.clientId(), false);
            AppClient pub = ctx.appConnected(kind);
            pub.publish(topic, utf8("queued-for-old-session"), 1, false);
        }
        ConnectOutcome clean = ctx.connect(c, true);
        assertThat(clean.sessionPresent()).as("Session Present with CleanSession=1").isFalse();
        int qos = ctx.deliveryQos();
        assertThat(c.subscribe(control, qos)).containsExactly(qos);
        AppClient pub = ctx.appConnected(kind);
        pub.publish(topic, utf8("after-clean"), qos, false);
        pub.publish(control, utf8("marker"), qos, false);
        assertThat(payloadsBefore(c, ctx, "marker")).as("messages from the discarded session or its subscriptions").isEmpty();
        c.disconnect();
        if (persistentAllowed) {
            ConnectOutcome again = ctx.connect(c, false);
            assertThat(again.sessionPresent()).as("state of a CleanSession=1 session reused later").isFalse();
        }
    }

    @Test
    @Rule("MQTT-4.1.0-2")
    void sessionLastsAsLongAsTheConnection(SuiteContext ctx) {
        String topic = ctx.topics().topic("alive");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 0; i < 3; i++) {
            pub.publish(topic, 1, false, utf8("m" + i), ctx.timeout());
            var p = sub.expectPublish(ctx.timeout());
            sub.acknowledge(p, ctx.timeout());
            assertThat(text(p)).isEqualTo("m" + i);
            sub.send(Packets.pingreq());
            sub.expect(MqttMessageType.PINGRESP, ctx.timeout());
        }
    }

    /**
     * Session Present is 0 on every refusal, even when the server holds a session for that Client ID
     * (MQTT-3.2.2-4). A server that looks the session up before it decides (or sets the flag from the
     * stored session whatever the return code) answers a refused CONNECT with Session Present 1 here.
     * First proves the session is stored (Session Present 1 on a valid reconnect), then refuses the
     * client twice: an unsupported protocol level (return code 0x01, MQTT-3.1.2-2) and, where the
     * target checks credentials, a wrong password.
     */
    @Test
    @Rule("MQTT-3.2.2-4")
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = LITE_REASON)
    void refusedConnackHasSessionPresent0WhileASessionIsStored(SuiteContext ctx) {
        String id = ctx.clientId();
        ConnectSpec spec = ctx.connectSpec(id).withCleanSession(false);
        RawMqttClient first = ctx.rawConnected(spec);
        first.subscribe(ctx.topics().topic("stored"), 1, ctx.timeout());
        first.disconnect();
        RawMqttClient again = ctx.raw();
        assertThat(again.connectAccepted(spec, ctx.timeout()).variableHeader().isSessionPresent())
                .as("Session Present 1 when the server holds the session (precondition: a session is stored)").isTrue();
        again.disconnect();

        UserPass cr = spec.credentials();
        int credFlags = cr.present() ? USERNAME_FLAG | (cr.password() == null ? 0 : PASSWORD_FLAG) : 0;
        byte[] credTail = !cr.present() ? new byte[0] : cr.password() == null ? str(cr.username()) : concat(str(cr.username()), field(cr.password()));
        RawMqttClient level = ctx.raw();
        level.sendBytes(packet(0x10, connectHeader("MQTT", 0x7F, credFlags, 60), str(id), credTail),
                "CONNECT of " + id + " with CleanSession 0 and protocol level 127");
        MqttConnAckMessage refusal = level.expect(MqttMessageType.CONNACK, ctx.timeout());
        assertThat(code(refusal)).as("CONNACK return code for protocol level 127").isNotZero();
        assertThat(refusal.variableHeader().isSessionPresent())
                .as("Session Present of a refusal (return code 0x%02x) while the server holds the session of %s", code(refusal), id).isFalse();

        if (cr.present()) {
            RawMqttClient wrong = ctx.raw();
            MqttConnAckMessage ack = wrong.connect(spec.withCredentials(new UserPass(cr.username(), utf8("wrong-password"))), ctx.timeout());
            assertThat(code(ack)).as("CONNACK return code for a wrong password").isNotZero();
            assertThat(ack.variableHeader().isSessionPresent())
                    .as("Session Present of a refusal (return code 0x%02x) while the server holds the session of %s", code(ack), id).isFalse();
        } else {
            ctx.note("the target takes no credentials: only the protocol-level refusal is checked");
        }
    }
}
