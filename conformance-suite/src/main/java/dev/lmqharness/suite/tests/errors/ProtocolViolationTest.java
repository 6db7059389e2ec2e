package dev.lmqharness.suite.tests.errors;

import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static dev.lmqharness.kit.wire.RawBytes.u8;
import static org.assertj.core.api.Assertions.assertThat;

/** Protocol violations close the connection; the server's own packets follow Table 2.2 (2.2.2, 4.8). */
@ConformanceTest
class ProtocolViolationTest {

    @Test
    @Rule("MQTT-4.8.0-1")
    void packetsOnlyAServerMaySendCloseTheConnection(SuiteContext ctx) {
        RawMqttClient connack = ctx.rawConnected();
        connack.sendBytes(bytes(0x20, 0x02, 0x00, 0x00), "CONNACK from the client");
        assertClosed(connack, ctx, "a client sending CONNACK");
        RawMqttClient suback = ctx.rawConnected();
        suback.sendBytes(bytes(0x90, 0x03, 0x00, 0x01, 0x00), "SUBACK from the client");
        assertClosed(suback, ctx, "a client sending SUBACK");
        RawMqttClient reserved0 = ctx.rawConnected();
        reserved0.sendBytes(bytes(0x00, 0x00), "packet type 0 (reserved)");
        assertClosed(reserved0, ctx, "packet type 0");
        RawMqttClient reserved15 = ctx.rawConnected();
        reserved15.sendBytes(bytes(0xF0, 0x00), "packet type 15 (reserved)");
        assertClosed(reserved15, ctx, "packet type 15");
    }

    @Test
    @Rule("MQTT-2.2.2-2")
    void invalidFixedHeaderFlagsCloseTheConnection(SuiteContext ctx) {
        RawMqttClient ping = ctx.rawConnected();
        ping.sendBytes(bytes(0xC1, 0x00), "PINGREQ with flags 0001");
        assertClosed(ping, ctx, "PINGREQ with reserved flags set");
        RawMqttClient puback = ctx.rawConnected();
        puback.sendBytes(bytes(0x42, 0x02, 0x00, 0x01), "PUBACK with flags 0010");
        assertClosed(puback, ctx, "PUBACK with reserved flags set");
    }

    @Test
    @Rule("MQTT-2.2.2-1")
    @Profiles(value = {TargetProfile.MQTT311, TargetProfile.LMQ}, reason = Reasons.LITE_QOS)
    void serverPacketsHaveTheReservedFlagValues(SuiteContext ctx) {
        String topic = ctx.topics().topic("flags");
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(topic, 2, ctx.timeout());
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, 1, false, utf8("q1"), ctx.timeout());
        pub.publish(topic, 2, false, utf8("q2"), ctx.timeout());
        for (int i = 0; i < 2; i++) {
            MqttPublishMessage p = sub.expectPublish(ctx.timeout());
            sub.acknowledge(p, ctx.timeout());
        }
        sub.unsubscribe(ctx.timeout(), topic);
        sub.send(Packets.pingreq());
        sub.expect(MqttMessageType.PINGRESP, ctx.timeout());
        List<String> violations = new ArrayList<>(sub.flagViolations());
        violations.addAll(pub.flagViolations());
        assertThat(violations).as("server packets whose reserved flag bits differ from Table 2.2").isEmpty();
    }

    /**
     * Malformed packets and packets that break a MUST of the sender close the connection, and nothing
     * of them is routed: QoS 0 with DUP=1 (3.3.1-2), QoS 1 with packet identifier 0 (2.3.1-1), a
     * five-byte Remaining Length (2.2.3), a topic length beyond the packet.
     */
    @Test
    @Rule("MQTT-4.8.0-1")
    void malformedPublishesCloseTheConnectionAndAreNotRouted(SuiteContext ctx) {
        String topic = ctx.topics().topic("malformed");
        RawMqttClient watcher = ctx.rawConnected();
        watcher.subscribe(topic, ctx.deliveryQos(), ctx.timeout());
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("PUBLISH QoS 0 with DUP=1", packet(0x38, str(topic), utf8("dup-qos0")));
        cases.put("PUBLISH QoS 1 with packet identifier 0", packet(0x32, str(topic), u16(0), utf8("id-0")));
        cases.put("PUBLISH with a five-byte Remaining Length", bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        cases.put("PUBLISH whose topic length runs past the packet", bytes(0x30, 0x04, 0x00, 0x64, 0x61, 0x62));
        cases.forEach((what, b) -> {
            RawMqttClient c = ctx.rawConnected();
            c.sendBytes(b, what);
            assertClosed(c, ctx, what);
            c.history().stream().filter(r -> r.type() == MqttMessageType.PUBACK).findFirst().ifPresent(r -> {
                throw new AssertionError(what + ": the server acknowledged it (PUBACK)");
            });
        });
        RawMqttClient pub = ctx.rawConnected();
        pub.publish(topic, ctx.deliveryQos(), false, utf8("marker"), ctx.timeout());
        assertThat(payloadsBefore(watcher, ctx, "marker")).as("messages of malformed PUBLISHes").isEmpty();
    }

    /**
     * SUBSCRIBE and UNSUBSCRIBE must carry a non-zero Packet Identifier (MQTT-2.3.1-1): one with 0 is a
     * protocol violation the server closes for (MQTT-4.8.0-1), without SUBACK/UNSUBACK, and the
     * subscription is not made. A server that answers with id 0 (or ignores the field) fails.
     */
    @Test
    @Rule({"MQTT-2.3.1-1", "MQTT-4.8.0-1"})
    void subscribeAndUnsubscribeWithPacketIdentifier0CloseTheConnection(SuiteContext ctx) {
        String topic = ctx.topics().topic("id0");
        int q = ctx.deliveryQos();
        RawMqttClient sub = ctx.rawConnected();
        sub.sendBytes(packet(0x82, u16(0), str(topic), u8(q)), "SUBSCRIBE with packet identifier 0");
        assertClosed(sub, ctx, "SUBSCRIBE with packet identifier 0");
        assertThat(sub.history().stream().map(r -> r.type()).toList())
                .as("packets of the server after a SUBSCRIBE with packet identifier 0").doesNotContain(MqttMessageType.SUBACK);

        RawMqttClient unsub = ctx.rawConnected();
        unsub.subscribe(topic, q, ctx.timeout());
        unsub.sendBytes(packet(0xA2, u16(0), str(topic)), "UNSUBSCRIBE with packet identifier 0");
        assertClosed(unsub, ctx, "UNSUBSCRIBE with packet identifier 0");
        assertThat(unsub.history().stream().map(r -> r.type()).toList())
                .as("packets the server answered an UNSUBSCRIBE with packet identifier 0 with").doesNotContain(MqttMessageType.UNSUBACK);
    }
}
