package dev.lmqharness.suite.tests.websocket;

import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.lmqharness.suite.tests.support.Checks.assertClosed;
import static dev.lmqharness.kit.wire.RawBytes.CLEAN_SESSION;
import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static dev.lmqharness.kit.wire.RawBytes.concat;
import static dev.lmqharness.kit.wire.RawBytes.connect;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static dev.lmqharness.kit.wire.RawBytes.u8;
import static org.assertj.core.api.Assertions.assertThat;

/** MQTT over WebSocket (section 6); runs where the target has a ws:// or wss:// endpoint. */
@ConformanceTest
class WebSocketTest {

    private static BrokerAddress ws(SuiteContext ctx) {
        return ctx.target().endpoint(Scheme.WS).or(() -> ctx.target().endpoint(Scheme.WSS)).orElseGet(() -> {
            ctx.skip("the target has no WebSocket endpoint (set lmq.url.ws or lmq.url.wss)");
            return null;
        });
    }

    @Test
    @Rule("MQTT-6.0.0-4")
    void serverSelectsTheMqttSubprotocol(SuiteContext ctx) {
        RawMqttClient c = ctx.raw(ws(ctx));
        assertThat(c.selectedSubprotocol()).as("WebSocket sub-protocol selected by the server").isEqualTo("mqtt");
        c.connectAccepted(ctx.connectSpec(), ctx.timeout());
    }

    @Test
    @Rule("MQTT-6.0.0-2")
    void packetsNeedNotAlignWithFrames(SuiteContext ctx) {
        RawMqttClient c = ctx.raw(ws(ctx));
        String id = ctx.clientId();
        byte[] connect = connect(CLEAN_SESSION, 60, ctx.target().credentialsFor(id), str(id));
        int half = connect.length / 2;
        c.sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Arrays.copyOfRange(connect, 0, half))), "first half of CONNECT");
        c.sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Arrays.copyOfRange(connect, half, connect.length))), "second half of CONNECT");
        c.expect(MqttMessageType.CONNACK, ctx.timeout());
        byte[] both = concat(packet(0x82, u16(1), str(ctx.topics().topic("ws")), u8(0)), bytes(0xC0, 0x00));
        c.sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(both)), "SUBSCRIBE and PINGREQ in one frame");
        // Both packets were understood; MQTT does not order a SUBACK against a PINGRESP.
        c.await(MqttMessageType.SUBACK, 1, ctx.timeout());
        c.await(MqttMessageType.PINGRESP, -1, ctx.timeout());
    }

    @Test
    @Rule("MQTT-6.0.0-1")
    void textFrameClosesTheConnection(SuiteContext ctx) {
        RawMqttClient c = ctx.raw(ws(ctx));
        c.connectAccepted(ctx.connectSpec(), ctx.timeout());
        c.sendFrame(new TextWebSocketFrame("hello"), "a WebSocket TEXT frame");
        assertClosed(c, ctx, "a text frame on an MQTT WebSocket connection");
    }
}
