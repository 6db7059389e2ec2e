package dev.lmqharness.kit.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts the server's byte stream into whole MQTT packets before Netty's decoder sees them, so the
 * raw client knows each packet's exact first byte (reserved flag bits, MQTT-2.2.2-1) and size.
 */
final class FrameSplitter extends ByteToMessageDecoder {
    private final Consumer<RawHeader> headers;

    FrameSplitter(Consumer<RawHeader> headers) {
        this.headers = headers;
    }

    /** The fixed header of one received packet. */
    record RawHeader(int firstByte, int remainingLength) {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return;
        }
        int first = in.getUnsignedByte(start);
        int length = 0;
        int multiplier = 1;
        int pos = start + 1;
        while (true) {
            if (pos >= in.writerIndex()) {
                return;
            }
            int b = in.getUnsignedByte(pos++);
            length += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0) {
                break;
            }
            multiplier *= 128;
            if (pos - start > 4) {
                throw new CorruptedFrameException("server sent a remaining length longer than 4 bytes");
            }
        }
        int headerLength = pos - start;
        if (in.readableBytes() < headerLength + length) {
            return;
        }
        headers.accept(new RawHeader(first, length));
        out.add(in.readRetainedSlice(headerLength + length));
    }
}
