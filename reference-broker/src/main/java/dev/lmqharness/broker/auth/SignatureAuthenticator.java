package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.rules.MqttCodes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * LMQ-AUTH-1, signature mode: username {@code Signature|<AccessKey>|<InstanceId>}, password
 * {@code Base64(HMAC-SHA1(key = SecretKey, data = ClientId))}, both UTF-8. A wrong signature,
 * an unknown AccessKey, another instance or a malformed username is refused with CONNACK 0x04.
 * An accepted connection is unrestricted.
 */
public final class SignatureAuthenticator {

    public static final String RULE = "LMQ-AUTH-1";
    private static final String HMAC = "HmacSHA1";

    private final String instanceId;
    private final SecretKeys keys;

    public SignatureAuthenticator(String instanceId, SecretKeys keys) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The password a client with this SecretKey must send for this Client ID. */
    public static String sign(String secretKey, String clientId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // HmacSHA1 is mandatory in every Java platform; reaching here is a broken JRE.
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    public AuthResult authenticate(String clientId, String username, byte[] password) {
        Optional<ModeUsername> user = ModeUsername.parse(username, ModeUsername.SIGNATURE);
        if (user.isEmpty()) {
            return refuse("username must be Signature|<AccessKey>|<InstanceId>");
        }
        if (!user.get().instanceId().equals(instanceId)) {
            return refuse("unknown instance '" + user.get().instanceId() + "'");
        }
        Optional<String> secret = keys.secretKeyOf(user.get().accessKey());
        if (secret.isEmpty()) {
            return refuse("unknown AccessKey '" + user.get().accessKey() + "'");
        }
        if (password == null || clientId == null) {
            return refuse("signature mode needs a password (the signature of the Client ID)");
        }
        byte[] expected = sign(secret.get(), clientId).getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: do not leak how much of a guessed signature was right.
        if (!MessageDigest.isEqual(expected, password)) {
            return refuse("signature does not match Base64(HMAC-SHA1(SecretKey, ClientId))");
        }
        return AuthResult.accept(AuthMode.SIGNATURE, Permissions.all(), List.of()).withAccessKey(user.get().accessKey());
    }

    private static AuthResult refuse(String reason) {
        return AuthResult.refuse(AuthMode.SIGNATURE, RULE, MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, reason);
    }
}
