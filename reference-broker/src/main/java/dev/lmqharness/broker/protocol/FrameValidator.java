package dev.lmqharness.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Cuts the byte stream into whole MQTT packets by their Remaining Length, refuses oversized
 * packets before buffering them, and checks each packet's raw bytes ({@link PacketRules}) before
 * netty's decoder sees it. A bad packet closes this connection only.
 */
final class FrameValidator extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameValidator.class);
    /** CONNACK with return code 0x01, unacceptable protocol version, in 3.1.1 form. */
    private static final byte[] CONNACK_BAD_PROTOCOL = {0x20, 0x02, 0x00, 0x01};

    private final int maxFrameBytes;
    /** This channel's first packet must be CONNECT (MQTT-3.1.0-1); known from its first byte. */
    private boolean first = true;

    FrameValidator(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        if (!in.isReadable()) {
            return;
        }
        int firstByte = in.getUnsignedByte(start);
        PacketRules.Result early = first && !PacketRules.isConnect(firstByte)
                ? PacketRules.Result.close("first packet is not CONNECT (MQTT-3.1.0-1)")
                : PacketRules.checkFirstByte(firstByte);
        if (early.outcome() != PacketRules.Outcome.OK) {
            fail(ctx, in, early.reason());
            return;
        }
        if (in.readableBytes() < 2) {
            return;
        }
        int remaining = 0;
        int multiplier = 1;
        int headerBytes = 1;
        while (true) {
            if (headerBytes > 4) {
                fail(ctx, in, "remaining length longer than 4 bytes (MQTT-2.2.3)");
                return;
            }
            if (in.readableBytes() <= headerBytes) {
                return; // wait for the rest of the length
            }
            int digit = in.getUnsignedByte(start + headerBytes);
            headerBytes++;
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        long frame = (long) headerBytes + remaining;
        if (frame > maxFrameBytes) {
            fail(ctx, in, "packet of " + frame + " bytes exceeds the limit of " + maxFrameBytes);
            return;
        }
        if (in.readableBytes() < frame) {
            return;
        }
        PacketRules.Result r = PacketRules.check(firstByte, in.nioBuffer(start + headerBytes, remaining));
        switch (r.outcome()) {
            case OK -> {
                first = false;
                out.add(in.retainedSlice(start, (int) frame));
                in.skipBytes((int) frame);
            }
            case REFUSE_PROTOCOL_LEVEL -> {
                log.debug("refusing {}: {}", ctx.channel(), r.reason());
                in.skipBytes(in.readableBytes());
                ctx.writeAndFlush(Unpooled.wrappedBuffer(CONNACK_BAD_PROTOCOL)).addListener(ChannelFutureListener.CLOSE);
            }
            default -> fail(ctx, in, r.reason());
        }
    }

    private static void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        log.debug("closing {}: {}", ctx.channel(), reason);
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
