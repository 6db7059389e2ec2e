package dev.lmqharness.kit.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * How a client authenticates (RULES.md LMQ-AUTH-1, LMQ-AUTH-2). The password of signature mode
 * depends on the client ID, so credentials are computed per connection.
 */
public sealed interface Credentials {

    /** User name and password for {@code clientId}; {@link UserPass#NONE} for an anonymous CONNECT. */
    UserPass forClient(String clientId);

    static Credentials none() {
        return new None();
    }

    static Credentials plain(String username, String password) {
        return new Plain(username, password);
    }

    static Credentials signature(String accessKey, String secretKey, String instanceId) {
        return new Signature(accessKey, secretKey, instanceId);
    }

    /** Token mode; {@code tokenPassword} is {@code R|<token>|W|<token>} or {@code RW|<token>}. */
    static Credentials token(String accessKey, String instanceId, String tokenPassword) {
        return new Token(accessKey, instanceId, tokenPassword);
    }

    /** The password for a token: a bare token grants both actions; a value with '|' is the full password. */
    static String tokenPassword(String token) {
        return token.contains("|") ? token : "RW|" + token;
    }

    record None() implements Credentials {
        @Override
        public UserPass forClient(String clientId) {
            return UserPass.NONE;
        }
    }

    record Plain(String username, String password) implements Credentials {
        public Plain {
            require(username, "username");
        }

        @Override
        public UserPass forClient(String clientId) {
            return new UserPass(username, password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Username {@code Signature|AccessKey|InstanceId}; password Base64(HMAC-SHA1(SecretKey, ClientId)). */
    record Signature(String accessKey, String secretKey, String instanceId) implements Credentials {
        public Signature {
            require(accessKey, "accessKey");
            require(secretKey, "secretKey");
            require(instanceId, "instanceId");
        }

        @Override
        public UserPass forClient(String clientId) {
            return new UserPass("Signature|" + accessKey + "|" + instanceId,
                    sign(secretKey, clientId).getBytes(StandardCharsets.UTF_8));
        }

        public static String sign(String secretKey, String clientId) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                return Base64.getEncoder().encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is not available", e);
            }
        }
    }

    /** Username {@code Token|AccessKey|InstanceId}; password as given. */
    record Token(String accessKey, String instanceId, String tokenPassword) implements Credentials {
        public Token {
            require(accessKey, "accessKey");
            require(instanceId, "instanceId");
            require(tokenPassword, "token password");
            if (!tokenPassword.matches("(R|W|RW)\\|[^|]+(\\|(R|W|RW)\\|[^|]+){0,2}")) {
                throw new IllegalArgumentException("token password must look like R|<token>|W|<token> or RW|<token>");
            }
        }

        @Override
        public UserPass forClient(String clientId) {
            return new UserPass("Token|" + accessKey + "|" + instanceId, tokenPassword.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("credentials: " + what + " is empty");
        }
    }
}
