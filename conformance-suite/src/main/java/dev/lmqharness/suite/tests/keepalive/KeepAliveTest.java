package dev.lmqharness.suite.tests.keepalive;

import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Keep Alive at 1.5 times and PINGREQ/PINGRESP (3.1.2.10, 3.12). */
@ConformanceTest
class KeepAliveTest {

    static final int KEEP_ALIVE = 2;
    /** Scheduling slack on a shared machine, on top of one and a half times the Keep Alive. */
    static final Duration SLACK = Duration.ofMillis(2000);

    @Test
    @Rule("MQTT-3.1.2-24")
    void silentClientIsDisconnectedAfterOneAndAHalfKeepAlives(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected(ctx.connectSpec().withKeepAlive(KEEP_ALIVE));
        long start = System.nanoTime();
        Duration limit = Duration.ofMillis(KEEP_ALIVE * 1500L).plus(SLACK);
        boolean closed = c.awaitClosed(limit);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(closed).as("a client silent for 1.5 x %d s must be disconnected (waited %d ms)", KEEP_ALIVE, limit.toMillis()).isTrue();
        ctx.note("disconnected after " + took.toMillis() + " ms of silence");
    }

    @Test
    @Rule({"MQTT-3.12.4-1", "MQTT-3.1.2-24"})
    void pingingClientStaysConnected(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected(ctx.connectSpec().withKeepAlive(1));
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < end) {
            c.send(Packets.pingreq());
            c.expect(MqttMessageType.PINGRESP, ctx.timeout());
            // Silence well inside the Keep Alive: nothing may arrive and the connection must stay.
            c.expectNoPacket(Duration.ofMillis(600), "nothing was expected between pings");
            assertThat(c.isOpen()).as("a client sending PINGREQ within its Keep Alive was disconnected").isTrue();
        }
    }

    /** Any Control Packet counts, not only PINGREQ: a client sending QoS 0 PUBLISHes within its Keep Alive stays connected. */
    @Test
    @Rule("MQTT-3.1.2-24")
    void publishesAloneKeepTheConnectionAlive(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected(ctx.connectSpec().withKeepAlive(1));
        String topic = ctx.topics().topic("chatter");
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < end) {
            c.send(Packets.publish(topic, 0, false, 0, utf8("x")));
            // A QoS 0 PUBLISH no one subscribed to gets no answer: silence until the next one.
            c.expectNoPacket(Duration.ofMillis(600), "nothing was expected between QoS 0 PUBLISHes");
            assertThat(c.isOpen()).as("a client sending PUBLISHes within its Keep Alive (and no PINGREQ) was disconnected").isTrue();
        }
        c.send(Packets.pingreq());
        c.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }
}
