package dev.lmqharness.broker.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the admin API's bearer token and {@code Host} allow-list entries must look like. Shared by
 * {@link BrokerConfigValidator} (the command line and the file) and the admin server (embedded
 * brokers skip the validator), so both refuse the same values with the same message.
 */
public final class AdminAccessChecks {

    /** Short secrets can be guessed over a fast loopback connection. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** RFC 6750 b64token: what may follow "Bearer " without quoting. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

    private AdminAccessChecks() {
    }

    /** @return the token; the message never repeats the secret */
    public static String token(String key, String token) {
        if (token == null || token.isEmpty()) {
            throw new ConfigException(key, "must not be empty (leave it out to have a token generated at start)");
        }
        if (token.length() < MIN_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
            throw new ConfigException(key, "must be at least " + MIN_TOKEN_LENGTH
                    + " characters of A-Z a-z 0-9 - . _ ~ + / (optionally ending in '='), was "
                    + token.length() + " characters");
        }
        return token;
    }

    /**
     * A host name or an IP address as a {@code Host} header names it, without scheme, port or path.
     *
     * @return the entry in lower case; an IPv6 address in brackets, in {@link #ipv6}'s spelling
     */
    public static String host(String key, String entry) {
        String h = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            String v6 = ipv6(h);
            if (v6 != null) {
                return v6;
            }
        } else if (!h.isEmpty() && h.length() <= 253 && !h.endsWith(".")) {
            boolean ok = true;
            for (String label : h.split("\\.", -1)) {
                ok &= LABEL.matcher(label).matches();
            }
            if (ok) {
                return h;
            }
        }
        throw new ConfigException(key, "must be a host name or IP address without scheme, port or path"
                + " (e.g. broker.internal, 10.0.0.5, [fd00::5]), was '" + (entry == null ? "" : entry) + "'");
    }

    /**
     * An IPv6 literal in one spelling ({@code [0:0:0:0:0:0:0:1]} for {@code ::1}), or {@code null}.
     * The brackets make {@link InetAddress} parse it as a literal and never ask DNS.
     */
    public static String ipv6(String literal) {
        if (!IPV6.matcher(literal).matches()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName("[" + literal + "]");
            return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
