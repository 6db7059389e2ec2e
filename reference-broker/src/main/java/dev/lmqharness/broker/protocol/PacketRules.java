package dev.lmqharness.broker.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT 3.1.1 well-formedness rules of one whole packet that netty-codec-mqtt does not enforce
 * (it decodes MQTT 5 option bits, replaces bad UTF-8, ignores bodies of PINGREQ and reads past a
 * packet's end). Pure: works on the raw bytes, no Netty.
 */
final class PacketRules {

    enum Outcome { OK, CLOSE, REFUSE_PROTOCOL_LEVEL }

    record Result(Outcome outcome, String reason) {
        static final Result OK = new Result(Outcome.OK, null);

        static Result close(String reason) {
            return new Result(Outcome.CLOSE, reason);
        }
    }

    private static final int CONNECT = 1, PUBLISH = 3, PUBACK = 4, PUBREC = 5, PUBREL = 6, PUBCOMP = 7,
            SUBSCRIBE = 8, UNSUBSCRIBE = 10, PINGREQ = 12, DISCONNECT = 14;

    private PacketRules() {
    }

    /**
     * What the first byte alone tells: a packet type clients may send, with valid flags
     * (MQTT-2.2.2-2). Checked as soon as the byte arrives, before waiting for the packet.
     */
    static Result checkFirstByte(int firstByte) {
        int type = (firstByte >> 4) & 0x0F;
        int flags = firstByte & 0x0F;
        return switch (type) {
            case PUBLISH -> ((flags >> 1) & 0x03) == 3 ? Result.close("PUBLISH with QoS 3 (MQTT-3.3.1-4)") : Result.OK;
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> flags != 2 ? flagsError(type) : Result.OK;
            case CONNECT, PUBACK, PUBREC, PUBCOMP, PINGREQ, DISCONNECT -> flags != 0 ? flagsError(type) : Result.OK;
            default -> Result.close("packet type " + type + " is not sent by clients");
        };
    }

    static boolean isConnect(int firstByte) {
        return ((firstByte >> 4) & 0x0F) == CONNECT;
    }

    /** @param firstByte the fixed header's first byte; @param body the remaining bytes of the packet */
    static Result check(int firstByte, ByteBuffer body) {
        int type = (firstByte >> 4) & 0x0F;
        int flags = firstByte & 0x0F;
        try {
            return switch (type) {
                case CONNECT -> flags != 0 ? flagsError(type) : connect(body);
                case PUBLISH -> publish(flags, body);
                case PUBACK, PUBREC, PUBCOMP -> flags != 0 ? flagsError(type) : exactly(body, 2, type);
                case PUBREL -> flags != 2 ? flagsError(type) : exactly(body, 2, type); // MQTT-3.6.1-1
                case SUBSCRIBE -> flags != 2 ? flagsError(type) : subscribe(body); // MQTT-3.8.1-1
                case UNSUBSCRIBE -> flags != 2 ? flagsError(type) : unsubscribe(body); // MQTT-3.10.1-1
                case PINGREQ, DISCONNECT -> flags != 0 ? flagsError(type) : exactly(body, 0, type);
                default -> Result.close("packet type " + type + " is not sent by clients");
            };
        } catch (BufferUnderflowException e) {
            return Result.close("a length field points past the end of the packet (type " + type + ")");
        } catch (CharacterCodingException e) {
            return Result.close("string is not well-formed UTF-8 (MQTT-1.5.3-1)");
        }
    }

    private static Result flagsError(int type) {
        return Result.close("reserved fixed-header flags of packet type " + type + " (MQTT-2.2.2-2)");
    }

    private static Result exactly(ByteBuffer body, int length, int type) {
        return body.remaining() == length ? Result.OK
                : Result.close("packet type " + type + " must have remaining length " + length);
    }

    private static Result connect(ByteBuffer b) throws CharacterCodingException {
        String name = string(b);
        int level = b.get() & 0xFF;
        int connectFlags = b.get() & 0xFF;
        b.getShort(); // keep-alive
        if ("MQIsdp".equals(name)) { // MQTT 3.1: a known protocol, not supported here
            return new Result(Outcome.REFUSE_PROTOCOL_LEVEL, "MQTT 3.1 (MQIsdp) is not supported (MQTT-3.1.2-2)");
        }
        if (!"MQTT".equals(name)) {
            return Result.close("protocol name '" + name + "' (MQTT-3.1.2-1)");
        }
        if (level != 4) {
            return new Result(Outcome.REFUSE_PROTOCOL_LEVEL, "protocol level " + level + " (MQTT-3.1.2-2)");
        }
        if ((connectFlags & 0x01) != 0) {
            return Result.close("CONNECT reserved flag set (MQTT-3.1.2-3)");
        }
        string(b); // client identifier
        if ((connectFlags & 0x04) != 0) {
            String willTopic = string(b);
            binary(b); // will message
            // The Will Topic is the Topic Name of the PUBLISH the server makes for the client: a CONNECT
            // naming a topic no PUBLISH may carry is a protocol violation (MQTT-4.8.0-1), not a Will
            // to accept and then drop at the connection's end.
            if (willTopic.isEmpty()) {
                return Result.close("zero-length Will Topic (MQTT-4.7.3-1)");
            }
            if (willTopic.indexOf('+') >= 0 || willTopic.indexOf('#') >= 0) {
                return Result.close("wildcard in the Will Topic '" + willTopic + "' (MQTT-3.3.2-2, MQTT-4.7.1-1)");
            }
        }
        if ((connectFlags & 0x80) != 0) {
            string(b); // user name
        }
        if ((connectFlags & 0x40) != 0) {
            binary(b); // password
        }
        return b.hasRemaining() ? Result.close("bytes after the CONNECT payload") : Result.OK;
    }

    private static Result publish(int flags, ByteBuffer b) throws CharacterCodingException {
        int qos = (flags >> 1) & 0x03;
        if (qos == 3) {
            return Result.close("PUBLISH with QoS 3 (MQTT-3.3.1-4)");
        }
        string(b);
        if (qos > 0 && (b.getShort() & 0xFFFF) == 0) {
            return Result.close("packet identifier 0 (MQTT-2.3.1-1)");
        }
        return Result.OK;
    }

    private static Result subscribe(ByteBuffer b) throws CharacterCodingException {
        if ((b.getShort() & 0xFFFF) == 0) {
            return Result.close("packet identifier 0 (MQTT-2.3.1-1)");
        }
        if (!b.hasRemaining()) {
            return Result.close("SUBSCRIBE without topic filters (MQTT-3.8.3-3)");
        }
        while (b.hasRemaining()) {
            string(b);
            int options = b.get() & 0xFF;
            if ((options & 0xFC) != 0 || (options & 0x03) == 3) {
                return Result.close("SUBSCRIBE requested-QoS byte " + options + " (MQTT-3.8.3-4)");
            }
        }
        return Result.OK;
    }

    private static Result unsubscribe(ByteBuffer b) throws CharacterCodingException {
        if ((b.getShort() & 0xFFFF) == 0) {
            return Result.close("packet identifier 0 (MQTT-2.3.1-1)");
        }
        if (!b.hasRemaining()) {
            return Result.close("UNSUBSCRIBE without topic filters (MQTT-3.10.3-2)");
        }
        while (b.hasRemaining()) {
            string(b);
        }
        return Result.OK;
    }

    /** A length-prefixed UTF-8 string: well-formed, no U+0000 (MQTT-1.5.3-1, MQTT-1.5.3-2). */
    private static String string(ByteBuffer b) throws CharacterCodingException {
        int len = b.getShort() & 0xFFFF;
        if (len > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = b.slice();
        slice.limit(len);
        b.position(b.position() + len);
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = d.decode(slice);
        for (int i = 0; i < chars.length(); i++) {
            if (chars.charAt(i) == '\u0000') {
                throw new CharacterCodingException();
            }
        }
        return chars.toString();
    }

    private static void binary(ByteBuffer b) {
        int len = b.getShort() & 0xFFFF;
        if (len > b.remaining()) {
            throw new BufferUnderflowException();
        }
        b.position(b.position() + len);
    }
}
