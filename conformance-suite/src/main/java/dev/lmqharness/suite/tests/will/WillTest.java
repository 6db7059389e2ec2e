package dev.lmqharness.suite.tests.will;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.Will;
import dev.lmqharness.suite.broker.TargetProfile;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.assertClosedWithoutConnAck;
import static dev.lmqharness.suite.tests.support.Checks.assertNotAccepted;
import static dev.lmqharness.suite.tests.support.Checks.invalidUtf8;
import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.withBytes;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.CLEAN_SESSION;
import static dev.lmqharness.kit.wire.RawBytes.WILL_FLAG;
import static dev.lmqharness.kit.wire.RawBytes.WILL_RETAIN;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.connect;
import static dev.lmqharness.kit.wire.RawBytes.field;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.willQos;
import static org.assertj.core.api.Assertions.assertThat;

/** Will Messages (3.1.2.5 - 3.1.2.7, 3.1.3.2, 3.14.4). The dying client is raw: only it can drop a socket. */
@ConformanceTest
class WillTest {

    /** Scheduling slack on a shared machine on top of 1.5 x Keep Alive, as the keep-alive tests allow. */
    private static final Duration KEEP_ALIVE_SLACK = Duration.ofMillis(2000);

    private RawMqttClient connectWithWill(SuiteContext ctx, String clientId, Will will) {
        return ctx.rawConnected(ctx.connectSpec(clientId).withWill(will));
    }

    @BothClients
    @Rule({"MQTT-3.1.2-8", "MQTT-3.1.2-16"})
    void willIsPublishedWhenTheConnectionFails(ClientKind kind, SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will");
        int q = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(willTopic, q)).containsExactly(q);
        RawMqttClient dying = connectWithWill(ctx, ctx.clientId(), new Will(willTopic, utf8("gone"), q, false));
        dying.close();
        AppMessage m = message(sub, ctx);
        assertThat(m.text()).isEqualTo("gone");
        assertThat(m.retained()).as("RETAIN of a Will published with Will Retain 0").isFalse();
        RawMqttClient later = ctx.rawConnected();
        later.subscribe(willTopic, q, ctx.timeout());
        ctx.rawConnected().publish(willTopic, q, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(later, ctx, "marker")).as("a non-retained Will must not be kept for later subscribers").isEmpty();
    }

    /** 3.1.2-8 names the server's own closes too: a Keep Alive expiry is one (the client just goes quiet). */
    @BothClients
    @Rule("MQTT-3.1.2-8")
    void willIsPublishedWhenTheServerClosesForKeepAlive(ClientKind kind, SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will-keepalive");
        int q = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(willTopic, q)).containsExactly(q);
        RawMqttClient sleepy = ctx.rawConnected(ctx.connectSpec(ctx.clientId()).withKeepAlive(1)
                .withWill(new Will(willTopic, utf8("timed out"), q, false)));
        // 1.5 x 1 s, plus the scheduling slack the keep-alive tests allow on a shared machine.
        assertThat(sleepy.awaitClosed(Duration.ofMillis(1500).plus(KEEP_ALIVE_SLACK)))
                .as("a client silent past 1.5 x its Keep Alive must be disconnected").isTrue();
        assertThat(message(sub, ctx).text()).as("the Will of a client dropped for Keep Alive").isEqualTo("timed out");
    }

    /** ... and a close for a protocol error: a second CONNECT is one the server must close for (3.1.0-2). */
    @BothClients
    @Rule("MQTT-3.1.2-8")
    void willIsPublishedWhenTheServerClosesForAProtocolError(ClientKind kind, SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will-violation");
        int q = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(willTopic, q)).containsExactly(q);
        String id = ctx.clientId();
        RawMqttClient broken = ctx.rawConnected(ctx.connectSpec(id).withWill(new Will(willTopic, utf8("protocol error"), q, false)));
        broken.send(Packets.connect(ctx.connectSpec(id)));
        assertClosed(broken, ctx, "a second CONNECT on one connection");
        assertThat(message(sub, ctx).text()).as("the Will of a client closed for a protocol error").isEqualTo("protocol error");
    }

    @BothClients
    @Rule("MQTT-3.1.2-17")
    void willWithWillRetainIsRetained(ClientKind kind, SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will-retained");
        int q = ctx.deliveryQos();
        ctx.retained(willTopic);
        RawMqttClient dying = connectWithWill(ctx, ctx.clientId(), new Will(willTopic, utf8("retained-will"), q, true));
        RawMqttClient watcher = ctx.rawConnected();
        watcher.subscribe(willTopic, q, ctx.timeout());
        dying.close();
        MqttPublishMessage live = watcher.expectPublish(ctx.timeout());
        watcher.acknowledge(live, ctx.timeout());
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(willTopic, q)).containsExactly(q);
        AppMessage m = message(sub, ctx);
        assertThat(m.text()).isEqualTo("retained-will");
        assertThat(m.retained()).as("a Will with Will Retain 1, delivered to a later subscriber").isTrue();
    }

    @Test
    @Rule({"MQTT-3.1.2-10", "MQTT-3.14.4-3"})
    void willIsDiscardedOnDisconnectAndRemovedOncePublished(SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(willTopic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();

        RawMqttClient polite = connectWithWill(ctx, ctx.clientId(), new Will(willTopic, utf8("after-disconnect"), 1, false));
        polite.disconnect();
        pub.publish(willTopic, 1, false, utf8("marker1"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker1")).as("Will published although the client sent DISCONNECT").isEmpty();

        String id = ctx.clientId();
        RawMqttClient dying = connectWithWill(ctx, id, new Will(willTopic, utf8("once"), 1, false));
        dying.close();
        // The Will is published when the server notices the close, which races with any marker
        // sent from another connection: wait for it first, then prove no second copy follows.
        MqttPublishMessage will = sub.expectPublish(ctx.timeout());
        sub.acknowledge(will, ctx.timeout());
        assertThat(text(will)).as("the Will of a connection that closed without DISCONNECT").isEqualTo("once");
        pub.publish(willTopic, 1, false, utf8("marker2"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker2")).as("messages after the Will").isEmpty();
        RawMqttClient again = ctx.rawConnected(ctx.connectSpec(id));
        again.close();
        pub.publish(willTopic, 1, false, utf8("marker3"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker3")).as("a Will published a second time").isEmpty();
    }

    @Test
    @Rule("MQTT-3.1.2-12")
    void noWillWithoutTheWillFlag(SuiteContext ctx) {
        ctx.requireWildcards();     // the watcher must see every topic the failed client could have named
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(ctx.topics().all(), 1, ctx.timeout());
        ctx.rawConnected().close();
        ctx.rawConnected().publish(ctx.topics().topic("m"), 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).as("messages after a connection without Will Flag failed").isEmpty();
    }

    @Test
    @Rule({"MQTT-3.1.2-9", "MQTT-3.1.4-1"})
    void willFlagWithoutWillFieldsIsMalformed(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | WILL_FLAG, 60, ctx.target().credentialsFor(id), str(id)),
                "CONNECT with Will Flag but no Will Topic / Will Message");
        assertNotAccepted(c, ctx, "Will Flag 1 without Will fields");
    }

    @Test
    @Rule({"MQTT-3.1.2-11", "MQTT-3.1.2-13"})
    void willQosWithoutWillFlagIsRefused(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | willQos(1), 60, ctx.target().credentialsFor(id), str(id)),
                "CONNECT with Will QoS 1 and Will Flag 0");
        assertNotAccepted(c, ctx, "Will QoS 1 with Will Flag 0");
    }

    @Test
    @Rule("MQTT-3.1.2-15")
    void willRetainWithoutWillFlagIsRefused(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | WILL_RETAIN, 60, ctx.target().credentialsFor(id), str(id)),
                "CONNECT with Will Retain 1 and Will Flag 0");
        assertNotAccepted(c, ctx, "Will Retain 1 with Will Flag 0");
    }

    @Test
    @Rule("MQTT-3.1.2-14")
    void willQos3IsRefused(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | WILL_FLAG | willQos(3), 60, ctx.target().credentialsFor(id),
                str(id), str(ctx.topics().topic("w")), field(utf8("x"))), "CONNECT with Will QoS 3");
        assertNotAccepted(c, ctx, "Will QoS 3");
    }

    @Test
    @Rule({"MQTT-3.1.3-10", "MQTT-1.5.3-1", "MQTT-1.5.3-2"})
    void willTopicMustBeWellFormedUtf8(SuiteContext ctx) {
        invalidUtf8().forEach((what, bad) -> {
            String id = ctx.clientId();
            RawMqttClient c = ctx.raw();
            c.sendBytes(connect(CLEAN_SESSION | WILL_FLAG, 60, ctx.target().credentialsFor(id),
                    str(id), field(withBytes(ctx.topics().topic("w"), bad)), field(utf8("x"))), "CONNECT with a Will Topic holding " + what);
            assertNotAccepted(c, ctx, "Will Topic with " + what);
        });
    }

    /**
     * The Will Topic is the Topic Name of the PUBLISH the server will make for the client, and a Topic
     * Name holds no wildcards (MQTT-3.3.2-2, MQTT-4.7.1-1): a CONNECT naming one is a protocol
     * violation the server closes for (MQTT-4.8.0-1), or refuses with a CONNACK return code. A server
     * that accepts it (CONNACK 0x00) has a Will it can never publish, and would drop it silently.
     */
    @Test
    @Rule({"MQTT-4.7.1-1", "MQTT-3.3.2-2"})
    void willTopicWithWildcardsIsNotAccepted(SuiteContext ctx) {
        for (String bad : new String[] {ctx.topics().topic("+"), ctx.topics().topic("a", "#"), ctx.topics().topic("a", "+", "b")}) {
            RawMqttClient c = ctx.raw();
            c.send(Packets.connect(ctx.connectSpec().withWill(new Will(bad, utf8("wildcard-will"), ctx.deliveryQos(), false))));
            assertNotAccepted(c, ctx, "a CONNECT whose Will Topic '" + bad + "' holds a wildcard");
        }
    }

    /** A zero-length Will Topic is not a Topic Name either (MQTT-4.7.3-1). */
    @Test
    @Rule("MQTT-4.7.3-1")
    void emptyWillTopicIsNotAccepted(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | WILL_FLAG, 60, ctx.target().credentialsFor(id), str(id), str(""), field(utf8("x"))),
                "CONNECT with a zero-length Will Topic");
        assertNotAccepted(c, ctx, "a zero-length Will Topic");
    }

    /**
     * No Will survives from an earlier connection: a client connects with a Will and disconnects
     * properly (the Will is discarded), connects again with the same Client ID and no Will Flag, and
     * its connection then fails: nothing may be published. A broker that keeps the Will in the session
     * and only marks the first connection as closed cleanly publishes the stale Will here. Run with
     * CleanSession 1 and, where sessions persist, with CleanSession 0 (the session, and so any Will
     * stored in it, survives). The sentinel Will of a third connection with the same ID proves the
     * server has finished with the second.
     */
    @Test
    @Rule("MQTT-3.1.2-12")
    void noStaleWillFromAnEarlierConnection(SuiteContext ctx) {
        int q = ctx.deliveryQos();
        boolean[] sessions = ctx.target().profile() == TargetProfile.LITE ? new boolean[] {true} : new boolean[] {true, false};
        for (boolean clean : sessions) {
            String willTopic = ctx.topics().topic("stale-w" + (clean ? 1 : 0));
            String sentinelTopic = ctx.topics().topic("stale-s" + (clean ? 1 : 0));
            RawMqttClient watcher = ctx.rawConnected();
            watcher.subscribe(ctx.timeout(), new Packets.Sub(willTopic, q), new Packets.Sub(sentinelTopic, q));
            String id = ctx.clientId();
            ConnectSpec plain = ctx.connectSpec(id).withCleanSession(clean);
            RawMqttClient first = ctx.rawConnected(plain.withWill(new Will(willTopic, utf8("stale-will"), q, false)));
            first.send(Packets.disconnect());
            if (!first.awaitClosed(ctx.timeout())) {
                // The server SHOULD close after DISCONNECT (3.14.4); if it does not, close it ourselves.
                first.close();
            }
            RawMqttClient second = ctx.rawConnected(plain);
            second.send(Packets.pingreq());
            second.expect(MqttMessageType.PINGRESP, ctx.timeout());
            second.close();
            RawMqttClient sentinel = ctx.rawConnected(plain.withWill(new Will(sentinelTopic, utf8("sentinel"), q, false)));
            sentinel.close();
            assertThat(payloadsBefore(watcher, ctx, "sentinel"))
                    .as("messages published when a connection without Will Flag failed, after an earlier connection of the same client"
                            + " (CleanSession=%s) had a Will and disconnected properly", clean ? 1 : 0).isEmpty();
        }
    }

    @Test
    @Rule("MQTT-3.1.3-1")
    void payloadFieldsInTheirOrderAreParsed(SuiteContext ctx) {
        String willTopic = ctx.topics().topic("ordered");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(willTopic, 1, ctx.timeout());
        String id = ctx.clientId();
        UserPass cr = ctx.target().credentialsFor(id);
        UserPass used = cr.present() ? cr : new UserPass("lmqsuite-user", utf8("lmqsuite-password"));
        RawMqttClient c = ctx.raw();
        c.connectAccepted(new ConnectSpec(id, true, 60, used, new Will(willTopic, utf8("ordered-will"), 1, false)), ctx.timeout());
        c.close();
        MqttPublishMessage p = sub.expectPublish(ctx.timeout());
        assertThat(p.variableHeader().topicName()).isEqualTo(willTopic);
        assertThat(text(p)).isEqualTo("ordered-will");
    }

    @Test
    @Rule({"MQTT-3.1.2-9", "MQTT-3.1.4-1"})
    void willFlagWithTruncatedWillMessageIsMalformed(SuiteContext ctx) {
        String id = ctx.clientId();
        RawMqttClient c = ctx.raw();
        c.sendBytes(connect(CLEAN_SESSION | WILL_FLAG, 60, null, str(id), str(ctx.topics().topic("w"))),
                "CONNECT with Will Topic but no Will Message");
        assertClosedWithoutConnAck(c, ctx, "Will Flag 1 without a Will Message");
    }

    /**
     * The Will is discarded on DISCONNECT even when the same Client ID connects again the moment the
     * server has closed the connection, twenty times in a row.
     */
    @Test
    @Rule("MQTT-3.1.2-10")
    void noWillAfterDisconnectWhenTheClientReconnectsAtOnce(SuiteContext ctx) {
        String willTopic = ctx.topics().topic("will-flap");
        int q = ctx.deliveryQos();
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(willTopic, q, ctx.timeout());
        String id = ctx.clientId();
        for (int i = 0; i < 20; i++) {
            RawMqttClient c = connectWithWill(ctx, id, new Will(willTopic, utf8("flap-" + i), q, false));
            c.send(Packets.disconnect());
            // Reconnect once the server has handled the DISCONNECT: else the new CONNECT could take the
            // connection over first, and a Will published then would be right.
            if (!c.awaitClosed(ctx.timeout())) {
                ctx.skip("the server did not close the connection after DISCONNECT (a SHOULD of 3.14.4), so the test cannot tell"
                        + " when it handled it");
            }
        }
        RawMqttClient last = connectWithWill(ctx, id, new Will(willTopic, utf8("final"), q, false));
        last.publish(willTopic, q, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(sub, ctx, "marker")).as("Wills published although each connection ended with DISCONNECT").isEmpty();
        last.disconnect();
    }
}
