package dev.lmqharness.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;

/**
 * MQTT over WebSocket carries the MQTT byte stream in binary frames (MQTT 3.1.1 section 6). Frame
 * boundaries mean nothing to MQTT: a packet may span frames and a frame may hold several packets,
 * so the content of binary and continuation frames is passed on as plain bytes and the MQTT
 * decoder reassembles packets. Outgoing bytes become one binary frame per write.
 * A text frame is a protocol error: the connection is closed with 1003 (unsupported data).
 * Ping, pong and close frames never get here; {@code WebSocketServerProtocolHandler} handles them.
 */
public final class WebSocketFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private boolean closing;

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (closing) {
            return;
        }
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
            return;
        }
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                        "MQTT over WebSocket needs binary frames"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }
}
