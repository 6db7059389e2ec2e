package dev.lmqharness.kit.wire;

import dev.lmqharness.kit.auth.UserPass;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made packets for what a well-behaved encoder refuses to produce: reserved bits, bad flags,
 * ill-formed UTF-8, missing fields. {@link #packet} computes the remaining length.
 */
public final class RawBytes {
    private RawBytes() {
    }

    /** Fixed header byte, remaining length, then the parts as given. */
    public static byte[] packet(int firstByte, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.writeBytes(remainingLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    public static byte[] remainingLength(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int x = length;
        do {
            int digit = x % 128;
            x /= 128;
            if (x > 0) {
                digit |= 0x80;
            }
            out.write(digit);
        } while (x > 0);
        return out.toByteArray();
    }

    /** A length-prefixed UTF-8 string. */
    public static byte[] str(String s) {
        return field(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A length-prefixed field with arbitrary bytes (e.g. ill-formed UTF-8). */
    public static byte[] field(byte[] bytes) {
        byte[] out = new byte[bytes.length + 2];
        out[0] = (byte) (bytes.length >> 8);
        out[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 2, bytes.length);
        return out;
    }

    public static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    public static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    public static byte[] bytes(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The variable header of a 3.1.1 CONNECT with the given flags byte and keep-alive. */
    public static byte[] connectHeader(String protocolName, int level, int flags, int keepAlive) {
        return concat(str(protocolName), u8(level), u8(flags), u16(keepAlive));
    }

    /** CONNECT flag bits. */
    public static final int CLEAN_SESSION = 0x02;
    public static final int WILL_FLAG = 0x04;
    public static final int WILL_RETAIN = 0x20;
    public static final int PASSWORD_FLAG = 0x40;
    public static final int USERNAME_FLAG = 0x80;

    public static int willQos(int qos) {
        return (qos & 0x03) << 3;
    }

    /**
     * A CONNECT with explicit flags and payload fields, for malformed variants. The target's
     * credentials are appended (and their flags set) unless the flags already mention a user name.
     */
    public static byte[] connect(int flags, int keepAlive, UserPass creds, byte[]... payload) {
        int f = flags;
        byte[] credBytes = new byte[0];
        if (creds != null && creds.present() && (flags & USERNAME_FLAG) == 0 && (flags & PASSWORD_FLAG) == 0) {
            f |= USERNAME_FLAG;
            credBytes = str(creds.username());
            if (creds.password() != null) {
                f |= PASSWORD_FLAG;
                credBytes = concat(credBytes, field(creds.password()));
            }
        }
        return packet(0x10, connectHeader("MQTT", 4, f, keepAlive), concat(payload), credBytes);
    }

    public static String hex(byte[] b, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            s.append(String.format("%02x", b[i] & 0xff));
            if (i + 1 < Math.min(b.length, max)) {
                s.append(' ');
            }
        }
        if (b.length > max) {
            s.append(" ... (").append(b.length).append(" bytes)");
        }
        return s.toString();
    }
}
