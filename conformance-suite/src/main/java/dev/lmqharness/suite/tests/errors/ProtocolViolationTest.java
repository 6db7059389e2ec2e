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
import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
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
}
