package dev.lmqharness.load.core;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The load payload: a fixed header followed by filler up to the configured size.
 *
 * <pre>
 *  0  2 bytes  magic 'L' 'Q'
 *  2  1 byte   version (1)
 *  3  1 byte   QoS the message was published with
 *  4  8 bytes  publisher ID (unique in the run: shard and user)
 * 12  8 bytes  sequence number per publisher, from 0
 * 20  8 bytes  send time, epoch microseconds ({@link WallClock})
 * 28  ...      filler (zeros)
 * </pre>
 * Big-endian. Messages without the magic are not ours and are counted as foreign.
 */
public final class PayloadCodec {

    public static final int HEADER_BYTES = 28;
    private static final byte MAGIC_0 = 'L';
    private static final byte MAGIC_1 = 'Q';
    private static final byte VERSION = 1;

    private PayloadCodec() {
    }

    /** What the header carries. */
    public record Stamp(long publisherId, long sequence, long sentMicros, int qos) {
    }

    /** Encodes a payload of exactly {@code size} bytes ({@code size >= HEADER_BYTES}). */
    public static byte[] encode(long publisherId, long sequence, long sentMicros, int qos, int size) {
        if (size < HEADER_BYTES) {
            throw new IllegalArgumentException("payload size " + size + " is below the " + HEADER_BYTES + "-byte header");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        byte[] out = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put(MAGIC_0).put(MAGIC_1).put(VERSION).put((byte) qos);
        b.putLong(publisherId).putLong(sequence).putLong(sentMicros);
        return out;
    }

    /** Reads the header without consuming the buffer; empty when the payload is not ours. */
    public static Optional<Stamp> decode(ByteBuffer payload) {
        if (payload == null || payload.remaining() < HEADER_BYTES) {
            return Optional.empty();
        }
        int p = payload.position();
        if (payload.get(p) != MAGIC_0 || payload.get(p + 1) != MAGIC_1 || payload.get(p + 2) != VERSION) {
            return Optional.empty();
        }
        int qos = payload.get(p + 3);
        if (qos < 0 || qos > 2) {
            return Optional.empty();
        }
        long sequence = payload.getLong(p + 12);
        if (sequence < 0) {
            return Optional.empty();
        }
        return Optional.of(new Stamp(payload.getLong(p + 4), sequence, payload.getLong(p + 20), qos));
    }

    public static Optional<Stamp> decode(byte[] payload) {
        return payload == null ? Optional.empty() : decode(ByteBuffer.wrap(payload));
    }
}
