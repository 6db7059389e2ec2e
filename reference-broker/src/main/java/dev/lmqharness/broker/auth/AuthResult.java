package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.rules.MqttCodes;
import dev.lmqharness.broker.rules.Verdict;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a CONNECT's credentials: accepted with {@link Permissions} (and the tokens the
 * connection rests on, so the broker can disconnect it when one is revoked or expires), or
 * refused with the CONNACK code to send (0x04 bad user name or password, 0x05 not authorised).
 *
 * @param accepted    whether the connection may proceed
 * @param mode        the mode picked from the username
 * @param returnCode  the CONNACK return code ({@code 0} when accepted)
 * @param ruleId      the refusing rule; {@code null} when accepted
 * @param reason      why; "ok" when accepted
 * @param permissions what the connection may do; {@code null} when refused
 * @param tokens      the tokens behind a token-mode connection; empty otherwise
 * @param accessKey   the AccessKey of a signature or token connection; null when anonymous or refused
 */
public record AuthResult(boolean accepted, AuthMode mode, int returnCode, String ruleId, String reason,
                         Permissions permissions, List<String> tokens, String accessKey) {

    public AuthResult {
        Objects.requireNonNull(reason, "reason");
        tokens = List.copyOf(tokens);
    }

    public static AuthResult accept(AuthMode mode, Permissions permissions, List<String> tokens) {
        return new AuthResult(true, mode, MqttCodes.CONNACK_ACCEPTED, null, "ok",
                Objects.requireNonNull(permissions, "permissions"), tokens, null);
    }

    /** The same acceptance, by a connection that authenticated with this AccessKey. */
    public AuthResult withAccessKey(String key) {
        return new AuthResult(accepted, mode, returnCode, ruleId, reason, permissions, tokens, key);
    }

    public static AuthResult refuse(AuthMode mode, String ruleId, int returnCode, String reason) {
        return new AuthResult(false, mode, returnCode, Objects.requireNonNull(ruleId, "ruleId"), reason, null, List.of(), null);
    }

    public Verdict toVerdict() {
        return accepted ? Verdict.ok() : Verdict.refuse(ruleId, returnCode, reason);
    }
}
