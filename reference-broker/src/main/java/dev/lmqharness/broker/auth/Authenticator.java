package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.rules.MqttCodes;

import java.util.List;

/**
 * The CONNECT credential check: picks the mode by username prefix ({@code Signature|} for
 * {@link SignatureAuthenticator}, {@code Token|} for {@link TokenAuthenticator}) and otherwise honours "anonymous allowed".
 * <ul>
 *   <li>A username with a mode prefix is always verified, even when anonymous access is allowed:
 *       a wrong signature or token is never waved through.</li>
 *   <li>No username, or one without a mode prefix: accepted unrestricted if anonymous access is
 *       allowed (plain MQTT clients send arbitrary user names), else refused (0x05 without a
 *       username, 0x04 with an unrecognised one).</li>
 *   <li>A mode whose authenticator is not configured ({@code null}) refuses with 0x04.</li>
 * </ul>
 */
public final class Authenticator {

    private final SignatureAuthenticator signature;
    private final TokenAuthenticator token;
    private final boolean anonymousAllowed;

    public Authenticator(SignatureAuthenticator signature, TokenAuthenticator token, boolean anonymousAllowed) {
        this.signature = signature;
        this.token = token;
        this.anonymousAllowed = anonymousAllowed;
    }

    public AuthResult authenticate(String clientId, String username, byte[] password) {
        if (username != null && username.startsWith(ModeUsername.SIGNATURE + "|")) {
            return signature != null ? signature.authenticate(clientId, username, password)
                    : AuthResult.refuse(AuthMode.SIGNATURE, SignatureAuthenticator.RULE,
                            MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, "signature mode is not enabled");
        }
        if (username != null && username.startsWith(ModeUsername.TOKEN + "|")) {
            return token != null ? token.authenticate(username, password)
                    : AuthResult.refuse(AuthMode.TOKEN, TokenAuthenticator.RULE,
                            MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, "token mode is not enabled");
        }
        if (anonymousAllowed) {
            return AuthResult.accept(AuthMode.ANONYMOUS, Permissions.all(), List.of());
        }
        if (username == null || username.isEmpty()) {
            return AuthResult.refuse(AuthMode.ANONYMOUS, SignatureAuthenticator.RULE, MqttCodes.CONNACK_NOT_AUTHORIZED,
                    "credentials required: Signature|<AccessKey>|<InstanceId> or Token|<AccessKey>|<InstanceId>");
        }
        return AuthResult.refuse(AuthMode.ANONYMOUS, SignatureAuthenticator.RULE, MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD,
                "username must start with Signature| or Token|");
    }
}
