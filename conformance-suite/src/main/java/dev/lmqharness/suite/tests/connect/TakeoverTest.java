package dev.lmqharness.suite.tests.connect;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.suite.tests.support.Checks.message;
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
}
