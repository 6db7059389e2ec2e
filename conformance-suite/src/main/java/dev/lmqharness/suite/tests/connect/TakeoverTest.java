package dev.lmqharness.suite.tests.connect;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lmqharness.kit.wire.RawBytes.CLEAN_SESSION;
import static dev.lmqharness.kit.wire.RawBytes.connect;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.assertNotAccepted;
import static dev.lmqharness.suite.tests.support.Checks.code;
import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.unacknowledgedPublishes;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** A second connection with the same Client Identifier takes over (MQTT-3.1.4-2). */
@ConformanceTest
class TakeoverTest {

    @BothClients
    @Rule("MQTT-3.1.4-2")
    void sameClientIdDisconnectsTheExistingClient(ClientKind kind, SuiteContext ctx) {
        String id = ctx.clientId();
        AppClient first = ctx.app(kind, id);
        ctx.connect(first, true);
        AppClient second = ctx.app(kind, id);
        ctx.connect(second, true);
        assertThat(first.awaitConnectionLost(ctx.timeout())).as("the first connection of %s was disconnected", id).isTrue();
        String topic = ctx.topics().topic("takeover");
        int qos = ctx.deliveryQos();
        assertThat(second.subscribe(topic, qos)).containsExactly(qos);
        second.publish(topic, utf8("still here"), qos, false);
        assertThat(message(second, ctx).text()).isEqualTo("still here");
        assertThat(second.isConnected()).isTrue();
    }

    @Test
    @Rule("MQTT-3.1.4-2")
    void existingNetworkConnectionIsClosedOnTheWire(SuiteContext ctx) {
        ConnectSpec spec = ctx.connectSpec();
        RawMqttClient first = ctx.rawConnected(spec);
        RawMqttClient second = ctx.rawConnected(spec);
        assertClosed(first, ctx, "the older connection with the same client ID");
        second.send(Packets.pingreq());
        second.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }

    /**
     * The takeover is step 3 of 3.1.4, after validation: a CONNECT with the connected client's ID that
     * the server must reject as malformed (reserved flag set, MQTT-3.1.2-3) leaves the connected one alone.
     */
    @Test
    @Rule("MQTT-3.1.4-2")
    void malformedConnectWithAConnectedClientIdDoesNotTakeOver(SuiteContext ctx) {
        ConnectSpec spec = ctx.connectSpec();
        RawMqttClient connected = ctx.rawConnected(spec);
        RawMqttClient malformed = ctx.raw();
        malformed.sendBytes(connect(CLEAN_SESSION | 0x01, 60, spec.credentials(), str(spec.clientId())),
                "CONNECT with the connected client's ID and the reserved flag set");
        assertNotAccepted(malformed, ctx, "CONNECT with the reserved flag set");
        connected.send(Packets.pingreq());
        connected.expect(MqttMessageType.PINGRESP, ctx.timeout());
        assertThat(connected.isOpen()).as("the connection of %s after a malformed CONNECT with its ID", spec.clientId()).isTrue();
    }

    /** The old connection's clean-up must not tear down what the new one set up right after its CONNACK. */
    @Test
    @Rule("MQTT-3.1.4-2")
    void subscriptionMadeRightAfterATakeoverSurvivesTheOldConnectionsEnd(SuiteContext ctx) {
        ConnectSpec spec = ctx.connectSpec();
        String topic = ctx.topics().topic("stale");
        int qos = ctx.deliveryQos();
        RawMqttClient pub = ctx.rawConnected();
        RawMqttClient previous = ctx.rawConnected(spec);
        for (int round = 0; round < 10; round++) {
            RawMqttClient next = ctx.raw();
            next.connectAccepted(spec, ctx.timeout());
            assertThat(next.subscribe(topic, qos, ctx.timeout())).as("round %d: SUBACK right after the takeover", round)
                    .containsExactly(qos);
            assertClosed(previous, ctx, "round " + round + ": the connection taken over");
            pub.publish(topic, qos, false, utf8("round-" + round), ctx.timeout());
            MqttPublishMessage p = next.expectPublish(ctx.timeout());
            next.acknowledge(p, ctx.timeout());
            assertThat(text(p)).as("round %d: delivery through the subscription of the new connection", round).isEqualTo("round-" + round);
            previous = next;
        }
    }

    /** Twenty CONNECTs with one Client ID at once: exactly one connection is left, and it works. */
    @Test
    @Rule("MQTT-3.1.4-2")
    void concurrentConnectsWithOneClientIdLeaveExactlyOne(SuiteContext ctx) {
        ConnectSpec spec = ctx.connectSpec();
        List<RawMqttClient> racers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            racers.add(ctx.raw());
        }
        // The writes are asynchronous: the CONNECTs leave together, none waits for a CONNACK.
        racers.forEach(c -> c.send(Packets.connect(spec)));
        Awaitility.await("at most one of 20 connections with one Client ID left open").atMost(ctx.timeout())
                .until(() -> racers.stream().filter(RawMqttClient::isOpen).count() <= 1);
        Awaitility.await("exactly one connection stays open").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> racers.stream().filter(RawMqttClient::isOpen).count() == 1);
        RawMqttClient survivor = racers.stream().filter(RawMqttClient::isOpen).findFirst().orElseThrow();
        MqttConnAckMessage ack = survivor.expect(MqttMessageType.CONNACK, ctx.timeout());
        assertThat(code(ack)).as("CONNACK of the surviving connection").isZero();
        String topic = ctx.topics().topic("race");
        int qos = ctx.deliveryQos();
        assertThat(survivor.subscribe(topic, qos, ctx.timeout())).containsExactly(qos);
        ctx.rawConnected().publish(topic, qos, false, utf8("winner"), ctx.timeout());
        assertThat(text(survivor.expectPublish(ctx.timeout()))).isEqualTo("winner");
    }

    /**
     * A takeover of a persistent session hands its unfinished deliveries to the new connection: QoS 1
     * messages sent to the old connection and not acknowledged there are re-sent (DUP 1, same
     * identifiers) on the new one, and the rest follow (MQTT-3.1.4-2 keeps the session, MQTT-4.4.0-1
     * re-sends). A server that drops the old connection's in-flight messages with it loses them.
     */
    @Test
    @Rule({"MQTT-3.1.4-2", "MQTT-4.4.0-1"})
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_CLEAN_SESSION)
    void takeoverOfAPersistentSessionDeliversTheMessagesInFlight(SuiteContext ctx) {
        String topic = ctx.topics().topic("inflight");
        ConnectSpec spec = ctx.connectSpec().withCleanSession(false);
        RawMqttClient old = ctx.rawConnected(spec);
        old.subscribe(topic, 1, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 0; i < 3; i++) {
            pub.publish(topic, 1, false, utf8("f" + i), ctx.timeout());
        }
        List<MqttPublishMessage> unacked = unacknowledgedPublishes(old, ctx, 3);
        Map<Integer, String> inFlight = new LinkedHashMap<>();
        unacked.forEach(p -> inFlight.put(p.variableHeader().packetId(), text(p)));
        ctx.note(inFlight.size() + " of 3 PUBLISHes in flight on the old connection: " + inFlight);

        RawMqttClient next = ctx.raw();
        assertThat(next.connectAccepted(spec, ctx.timeout()).variableHeader().isSessionPresent())
                .as("Session Present when a connection with CleanSession 0 takes the session over").isTrue();
        assertClosed(old, ctx, "the connection taken over");
        List<String> got = new ArrayList<>();
        Map<Integer, String> resent = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            MqttPublishMessage p = next.expectPublish(ctx.timeout());
            if (p.fixedHeader().isDup()) {
                resent.put(p.variableHeader().packetId(), text(p));
            }
            got.add(text(p));
            next.send(Packets.puback(p.variableHeader().packetId()));
        }
        assertThat(resent).as("messages re-sent with DUP 1 on the new connection: those in flight on the old one, with their identifiers")
                .containsExactlyInAnyOrderEntriesOf(inFlight);
        assertThat(got).as("every message reaches the new connection").containsExactlyInAnyOrder("f0", "f1", "f2");
        pub.publish(topic, 1, false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(next, ctx, "marker")).as("messages after all three, before the marker").isEmpty();
    }
}
