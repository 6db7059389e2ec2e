package dev.lmqharness.broker.admin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits and decodes the raw request URI. Path segments are decoded one by one after splitting,
 * so {@code %2F} stays inside its segment and {@code +} stays a plus (RFC 3986); query values
 * follow form encoding, where {@code +} is a space. Bad escapes and invalid UTF-8 are refused
 * rather than replaced, so a client ID is never looked up in a mangled form.
 */
final class UriCodec {

    private UriCodec() {
    }

    /**
     * The decoded segments of a raw path; one trailing slash is ignored.
     *
     * @throws ApiException 404 for an empty segment ({@code //}), 400 for a bad escape
     */
    static List<String> segments(String rawPath) {
        String p = rawPath == null ? "" : rawPath;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        for (String raw : p.split("/", -1)) {
            if (raw.isEmpty()) {
                throw ApiException.notFound("no such endpoint: empty path segment in '" + rawPath + "'", null);
            }
            out.add(decode(raw, false));
        }
        return out;
    }

    /**
     * The decoded query parameters in order.
     *
     * @throws ApiException 400 for a bad escape or a parameter given twice
     */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            if (out.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest("query parameter '" + name + "' is given twice");
            }
        }
        return out;
    }

    static String decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw ApiException.badRequest("bad percent-escape in '" + raw + "' at position " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("'" + raw + "' does not decode to UTF-8 text");
        }
    }
}
