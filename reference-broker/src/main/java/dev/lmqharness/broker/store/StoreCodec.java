package dev.lmqharness.broker.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Compact binary values of {@link RocksDbMessageStore}. Each value starts with a format version
 * byte so the layout can change without guessing; strings are a 4-byte length and UTF-8 bytes
 * (length -1 for null).
 */
final class StoreCodec {

    private static final byte V1 = 1;

    /**
     * The stored part of a queue entry. The message timestamp is copied here so releasing the last
     * reference can delete the expiry-index key without reading the message. {@code sole} says the
     * message was enqueued for this entry alone, so removing the entry removes the payload in the
     * same write, without reference counting.
     */
    record EntryValue(long messageId, long timestamp, int qos, int packetId, boolean released, boolean parked,
                      boolean sole) {

        EntryValue withDelivery(int newQos, int newPacketId, boolean newReleased, boolean newParked) {
            return new EntryValue(messageId, timestamp, newQos, newPacketId, newReleased, newParked, sole);
        }

        QueueEntry toEntry(String clientId, long seq) {
            return new QueueEntry(clientId, seq, messageId, qos, packetId, released, parked);
        }

        boolean inFlight() {
            return packetId != 0 && !parked;
        }
    }

    private StoreCodec() {
    }

    // ---- messages ----------------------------------------------------------------------------

    static byte[] encodeMessage(MessageRecord m) {
        byte[] topic = bytes(m.topic());
        byte[] publisher = bytes(m.publisherId());
        byte[] payload = m.payload();
        ByteBuffer b = ByteBuffer.allocate(1 + 1 + 8 + 8 + sized(topic) + sized(publisher) + sized(payload));
        // Bit 7 of the QoS byte carries the retained-delivery flag.
        b.put(V1).put((byte) (m.qos() | (m.retain() ? 0x80 : 0))).putLong(m.id()).putLong(m.timestamp());
        putSized(b, topic);
        putSized(b, publisher);
        putSized(b, payload);
        return b.array();
    }

    static MessageRecord decodeMessage(byte[] value) {
        try {
            ByteBuffer b = versioned(value);
            int flags = b.get();
            int qos = flags & 0x03;
            boolean retain = (flags & 0x80) != 0;
            long id = b.getLong();
            long timestamp = b.getLong();
            String topic = string(getSized(b));
            String publisher = string(getSized(b));
            byte[] payload = getSized(b);
            return new MessageRecord(id, topic, qos, payload, publisher, timestamp, retain);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("message", e);
        }
    }

    /** The acceptance timestamp of an encoded message, read without decoding the rest. */
    static long messageTimestamp(byte[] value) {
        try {
            ByteBuffer b = versioned(value);
            b.get(); // flags
            b.getLong(); // ID
            return b.getLong();
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("message", e);
        }
    }

    // ---- queue entries -----------------------------------------------------------------------

    static byte[] encodeEntry(EntryValue e) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 1 + 2 + 1);
        // The last byte holds flags: bit 0 released, bit 1 parked, bit 2 sole (unset in entries of older stores).
        b.put(V1).putLong(e.messageId()).putLong(e.timestamp()).put((byte) e.qos())
                .putShort((short) e.packetId())
                .put((byte) ((e.released() ? 1 : 0) | (e.parked() ? 2 : 0) | (e.sole() ? 4 : 0)));
        return b.array();
    }

    static EntryValue decodeEntry(byte[] value) {
        try {
            ByteBuffer b = versioned(value);
            long messageId = b.getLong();
            long timestamp = b.getLong();
            int qos = b.get();
            int packetId = b.getShort() & 0xFFFF;
            int flags = b.get();
            return new EntryValue(messageId, timestamp, qos, packetId, (flags & 1) != 0, (flags & 2) != 0,
                    (flags & 4) != 0);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("queue entry", e);
        }
    }

    // ---- sessions ----------------------------------------------------------------------------

    static byte[] encodeSubscriptions(Map<String, Integer> subscriptions) {
        int size = 1 + 4;
        Map<byte[], Integer> encoded = new HashMap<>();
        for (Map.Entry<String, Integer> s : subscriptions.entrySet()) {
            byte[] filter = bytes(s.getKey());
            encoded.put(filter, s.getValue());
            size += sized(filter) + 1;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(V1).putInt(encoded.size());
        for (Map.Entry<byte[], Integer> s : encoded.entrySet()) {
            putSized(b, s.getKey());
            b.put(s.getValue().byteValue());
        }
        return b.array();
    }

    static Map<String, Integer> decodeSubscriptions(byte[] value) {
        try {
            ByteBuffer b = versioned(value);
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IllegalArgumentException("subscription count " + n);
            }
            Map<String, Integer> subs = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                subs.put(string(getSized(b)), (int) b.get());
            }
            return subs;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("session", e);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static ByteBuffer versioned(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        byte version = b.get();
        if (version != V1) {
            throw new IllegalArgumentException("unknown format version " + version);
        }
        return b;
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static int sized(byte[] b) {
        return 4 + (b == null ? 0 : b.length);
    }

    private static void putSized(ByteBuffer b, byte[] bytes) {
        if (bytes == null) {
            b.putInt(-1);
        } else {
            b.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getSized(ByteBuffer b) {
        int len = b.getInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("length " + len + " with " + b.remaining() + " bytes left");
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    private static StoreException corrupt(String what, RuntimeException cause) {
        return new StoreException("Corrupt " + what + " record in the message store: " + cause.getMessage(), cause);
    }
}
