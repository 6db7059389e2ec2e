package dev.lmqharness.kit.auth;

import java.nio.charset.StandardCharsets;

/**
 * The user name and password a CONNECT carries, as bytes on the wire; {@code null} fields are absent.
 * {@link Credentials} computes it per client; tests that send deliberately wrong values build it directly.
 */
public record UserPass(String username, byte[] password) {

    public static final UserPass NONE = new UserPass(null, null);

    public static UserPass of(String username, String password) {
        return new UserPass(username, password == null ? null : password.getBytes(StandardCharsets.UTF_8));
    }

    public boolean present() {
        return username != null;
    }
}
