package dev.lmqharness.suite.target;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The user name and password a client of the suite sends; {@code null} fields are absent. */
public record Credentials(String username, byte[] password) {

    public static final Credentials NONE = new Credentials(null, null);

    public boolean present() {
        return username != null;
    }

    /** What the configured auth mode makes a client with this ID send (LMQ-AUTH-1, LMQ-AUTH-2). */
    public static Credentials forClient(TargetConfig c, String clientId) {
        return switch (c.auth()) {
            case NONE -> NONE;
            case PASSWORD -> new Credentials(c.username(),
                    c.password() == null ? null : c.password().getBytes(StandardCharsets.UTF_8));
            case SIGNATURE -> new Credentials("Signature|" + c.accessKey() + "|" + c.instanceId(),
                    signature(c.secretKey(), clientId).getBytes(StandardCharsets.UTF_8));
            case TOKEN -> new Credentials("Token|" + c.accessKey() + "|" + c.instanceId(),
                    tokenPassword(c.token()).getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Base64(HMAC-SHA1(key = secretKey, data = clientId)). */
    public static String signature(String secretKey, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** A bare token grants both actions; a value with '|' is taken as the full password (R|t|W|t). */
    public static String tokenPassword(String token) {
        return token.contains("|") ? token : "RW|" + token;
    }
}
