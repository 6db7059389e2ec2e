package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.config.AdminAccessChecks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer secret: the configured {@code admin.token}, or one generated at start.
 * A presented token is compared by SHA-256 digest with {@link MessageDigest#isEqual}: equal-length
 * inputs and a constant-time comparison, so the time taken tells a caller nothing about how much of
 * a guess was right, nor how long the secret is.
 */
final class AdminToken {

    /** 256 bits; base64url keeps it within RFC 6750's token characters. */
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;
    private final boolean generated;

    private AdminToken(String value, boolean generated) {
        this.value = value;
        this.digest = sha256(value);
        this.generated = generated;
    }

    /** @throws dev.lmqharness.broker.config.ConfigException naming {@code admin.token} when it is too short or malformed */
    static AdminToken configured(String value) {
        return new AdminToken(AdminAccessChecks.token("admin.token", value), false);
    }

    static AdminToken generate() {
        byte[] b = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(b);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b), true);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    String value() {
        return value;
    }

    /** Generated at start: nobody knows it until the broker logs it. */
    boolean generated() {
        return generated;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
