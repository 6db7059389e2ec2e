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
    /**
     * Scheduling slack on a shared machine, on top of one and a half times the Keep Alive: the
     * tolerance of the upper bound, stated in every assertion that uses it.
     */
    static final Duration SLACK = Duration.ofMillis(1000);

    /**
     * The server closes a silent client after one and a half times its Keep Alive: not before the
     * Keep Alive itself has passed (a server closing at 1.0 x or earlier is too eager: the client is
     * allowed to be silent for the whole Keep Alive, 3.1.2.10), and no later than 1.5 x plus {@link #SLACK}
     * (a server closing at 2 x or never is too lax). The lower bound is measured from the CONNACK
     * (after the server started its timer), the upper from the CONNECT (before it), so the measurement
     * errs for the server on both sides.
     */
    @Test
    @Rule("MQTT-3.1.2-24")
    void silentClientIsDisconnectedAfterOneAndAHalfKeepAlives(SuiteContext ctx) {
        RawMqttClient c = ctx.raw();
        long sent = System.nanoTime();
        c.connectAccepted(ctx.connectSpec().withKeepAlive(KEEP_ALIVE), ctx.timeout());
        long acked = System.nanoTime();
        Duration keepAlive = Duration.ofSeconds(KEEP_ALIVE);
        Duration upper = Duration.ofMillis(KEEP_ALIVE * 1500L).plus(SLACK);
        boolean early = c.awaitClosed(keepAlive.minus(Duration.ofNanos(System.nanoTime() - acked)));
        long earlyAt = System.nanoTime();
        assertThat(early).as("a client silent for less than its Keep Alive (%d s) was disconnected after %d ms: the server must allow"
                + " silence up to 1.5 x Keep Alive, and closing before 1.0 x is outside any tolerance", KEEP_ALIVE,
                Duration.ofNanos(earlyAt - acked).toMillis()).isFalse();
        boolean closed = c.awaitClosed(upper.minus(Duration.ofNanos(System.nanoTime() - sent)));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(closed).as("a client silent for 1.5 x %d s = %d ms must be disconnected; tolerance %d ms on top, so by %d ms after its"
                + " CONNECT, but the connection was still open after %d ms", KEEP_ALIVE, KEEP_ALIVE * 1500L, SLACK.toMillis(),
                upper.toMillis(), took.toMillis()).isTrue();
        ctx.note("disconnected " + took.toMillis() + " ms after the CONNECT (accepted window " + keepAlive.toMillis() + " ms after the"
                + " CONNACK to " + upper.toMillis() + " ms after the CONNECT: 1.5 x Keep Alive + " + SLACK.toMillis() + " ms tolerance)");
    }

    /**
     * Keep Alive 0 turns the mechanism off (3.1.2.10): a silent client is never disconnected for it. It
     * must still be open 3 s after 1.5 x a short Keep Alive of 1 s, i.e. 4.5 s after its CONNECT. A
     * control connection, silent with Keep Alive 1 at the same time, must be closed within that window,
     * else the wait would prove nothing (the server might not time anyone out that fast).
     */
    @Test
    @Rule("MQTT-3.1.2-24")
    void keepAliveZeroIsNeverTimedOut(SuiteContext ctx) {
        long start = System.nanoTime();
        RawMqttClient off = ctx.rawConnected(ctx.connectSpec().withKeepAlive(0));
        RawMqttClient control = ctx.rawConnected(ctx.connectSpec().withKeepAlive(1));
        Duration window = Duration.ofMillis(1500 + 3000);
        assertThat(control.awaitClosed(window.minus(Duration.ofNanos(System.nanoTime() - start))))
                .as("control: a client silent with Keep Alive 1 s must be disconnected within the %d ms the Keep Alive 0 client must"
                        + " survive (else the test cannot tell)", window.toMillis()).isTrue();
        boolean closed = off.awaitClosed(window.minus(Duration.ofNanos(System.nanoTime() - start)));
        assertThat(closed).as("a silent client with Keep Alive 0 was disconnected within %d ms: Keep Alive 0 means no timeout",
                Duration.ofNanos(System.nanoTime() - start).toMillis()).isFalse();
        off.send(Packets.pingreq());
        off.expect(MqttMessageType.PINGRESP, ctx.timeout());
    }

    /**
     * Every Control Packet resets the timer, not only PINGREQ: a client with Keep Alive 1 s that sends
     * SUBSCRIBE, UNSUBSCRIBE and PUBLISH in turn, one every 600 ms, stays connected for 4 s.
     */
    @Test
    @Rule("MQTT-3.1.2-24")
    void anyControlPacketResetsTheKeepAliveTimer(SuiteContext ctx) {
        RawMqttClient c = ctx.rawConnected(ctx.connectSpec().withKeepAlive(1));
        String topic = ctx.topics().topic("reset");
        int q = ctx.deliveryQos();
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        int round = 0;
        while (System.nanoTime() < end) {
            String what;
            switch (round++ % 3) {
                case 0 -> {
                    what = "SUBSCRIBE";
                    c.subscribe(topic, 0, ctx.timeout());
                }
                case 1 -> {
                    what = "UNSUBSCRIBE";
                    c.unsubscribe(ctx.timeout(), topic);
                }
                default -> {
                    what = "PUBLISH QoS " + q;
                    c.publish(ctx.topics().topic("other"), q, false, utf8("x"), ctx.timeout());
                }
            }
            c.expectNoPacket(Duration.ofMillis(600), "nothing was expected after " + what);
            assertThat(c.isOpen()).as("a client sending a %s within its Keep Alive (and no PINGREQ) was disconnected", what).isTrue();
        }
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
