package dev.lmqharness.broker.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout of {@link RocksDbMessageStore}. Numbers are fixed-width big-endian with the sign bit
 * flipped, so RocksDB's byte order is the numeric order (negative values included).
 *
 * <pre>
 * column family  key                                              value
 * messages       id(8)                                            message (StoreCodec)
 * queues         clientLen(2) clientId(utf-8) seq(8)              entry (StoreCodec)
 * age            id(8) clientId(utf-8) 0x00 seq(8)                empty
 * expiry         timestamp(8) id(8)                               empty
 * sessions       clientId(utf-8)                                  subscriptions (StoreCodec)
 * retained       topic(utf-8)                                     message (StoreCodec)
 * default        "maxMessageId"                                   id(8), merged with RocksDB's "max" operator
 * </pre>
 *
 * The queue key starts with the client's length so one client's prefix never prefixes another's.
 * The age key keeps the client ID unprefixed (0x00-terminated) so entries of one message sort by
 * client ID; it is decoded from both ends, the sequence being the last 8 bytes.
 */
final class StoreKeys {

    static final int LONG = Long.BYTES;
    static final byte[] MAX_MESSAGE_ID = "maxMessageId".getBytes(StandardCharsets.US_ASCII);

    private StoreKeys() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void putOrdered(ByteBuffer b, long v) {
        b.putLong(v ^ Long.MIN_VALUE);
    }

    static long getOrdered(byte[] a, int offset) {
        return ByteBuffer.wrap(a, offset, LONG).getLong() ^ Long.MIN_VALUE;
    }

    static byte[] orderedLong(long v) {
        ByteBuffer b = ByteBuffer.allocate(LONG);
        putOrdered(b, v);
        return b.array();
    }

    // ---- messages ----------------------------------------------------------------------------

    static byte[] message(long id) {
        return orderedLong(id);
    }

    static long messageId(byte[] key) {
        return getOrdered(key, 0);
    }

    // ---- queues ------------------------------------------------------------------------------

    /** Every key of one client's queue starts with this. */
    static byte[] queuePrefix(String clientId) {
        byte[] id = utf8(clientId);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("client ID longer than 65,535 bytes in UTF-8");
        }
        ByteBuffer b = ByteBuffer.allocate(2 + id.length);
        b.putShort((short) id.length).put(id);
        return b.array();
    }

    static byte[] queue(byte[] prefix, long seq) {
        ByteBuffer b = ByteBuffer.allocate(prefix.length + LONG);
        b.put(prefix);
        putOrdered(b, seq);
        return b.array();
    }

    static byte[] queue(String clientId, long seq) {
        return queue(queuePrefix(clientId), seq);
    }

    /** Exclusive upper bound of every key of the queue with this prefix. */
    static byte[] queueEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length + LONG);
        Arrays.fill(end, prefix.length, end.length, (byte) 0xFF);
        // A queue key is prefix + 8 bytes: the all-ones suffix itself (seq Long.MAX_VALUE) is never used.
        return end;
    }

    static String queueClientId(byte[] key) {
        int len = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
        return new String(key, 2, len, StandardCharsets.UTF_8);
    }

    static long queueSeq(byte[] key) {
        return getOrdered(key, key.length - LONG);
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length == prefix.length + LONG
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    // ---- age index ---------------------------------------------------------------------------

    static byte[] age(long messageId, String clientId, long seq) {
        byte[] id = utf8(clientId);
        ByteBuffer b = ByteBuffer.allocate(LONG + id.length + 1 + LONG);
        putOrdered(b, messageId);
        b.put(id).put((byte) 0);
        putOrdered(b, seq);
        return b.array();
    }

    static long ageMessageId(byte[] key) {
        return getOrdered(key, 0);
    }

    static String ageClientId(byte[] key) {
        return new String(key, LONG, key.length - 2 * LONG - 1, StandardCharsets.UTF_8);
    }

    static long ageSeq(byte[] key) {
        return getOrdered(key, key.length - LONG);
    }

    // ---- expiry index ------------------------------------------------------------------------

    static byte[] expiry(long timestamp, long messageId) {
        ByteBuffer b = ByteBuffer.allocate(2 * LONG);
        putOrdered(b, timestamp);
        putOrdered(b, messageId);
        return b.array();
    }

    static long expiryTimestamp(byte[] key) {
        return getOrdered(key, 0);
    }

    static long expiryMessageId(byte[] key) {
        return getOrdered(key, LONG);
    }
}
