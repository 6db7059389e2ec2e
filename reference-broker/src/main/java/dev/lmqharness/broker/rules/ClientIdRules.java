package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * LMQ-CID-1 (at most 64 characters, configurable), LMQ-CID-2 (only {@code 0-9 a-z A-Z - _} plus
 * the {@code @@@} separator) and LMQ-CID-3 (form {@code <GroupID>@@@<DeviceID>}), plus the
 * {@link GroupIdRules} checks on the Group ID part (syntax, and that the group was created).
 *
 * <p>Every refusal carries CONNACK 0x02 (identifier rejected), per the identity Decision.
 * Checks run in rule order so the reason names the first rule broken. An empty Client ID is
 * refused under LMQ-CID-3: the LMQ form has no room for a server-assigned identifier.
 */
public final class ClientIdRules {
    public static final String LENGTH = "LMQ-CID-1";
    public static final String CHARACTERS = "LMQ-CID-2";
    public static final String FORM = "LMQ-CID-3";


    public static final String SEPARATOR = "@@@";

    /** The two halves of a well-formed Client ID. */
    public record ClientId(String groupId, String deviceId) {
        public ClientId {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(deviceId, "deviceId");
        }

        @Override
        public String toString() {
            return groupId + SEPARATOR + deviceId;
        }
    }

    private final int maxLength;

    public ClientIdRules(LmqLimits limits) {
        this.maxLength = limits.clientIdMaxLength();
    }

    /** Syntax only: LMQ-CID-1..3 and the Group ID syntax of {@link GroupIdRules}. */
    public Optional<Violation> problemWith(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.of(new Violation(FORM, "Client ID is empty; expected <GroupID>@@@<DeviceID>"));
        }
        int length = NameChars.length(clientId);
        if (length > maxLength) {
            return Optional.of(new Violation(LENGTH,
                    "Client ID has " + length + " characters; at most " + maxLength + " allowed"));
        }
        for (int i = 0; i < clientId.length(); i++) {
            char c = clientId.charAt(i);
            if (c != '@' && !NameChars.isNameChar(c)) {
                return Optional.of(new Violation(CHARACTERS, "Client ID contains " + NameChars.describe(clientId, i)
                        + "; allowed are 0-9 a-z A-Z - _ and the @@@ separator"));
            }
        }
        int sep = clientId.indexOf(SEPARATOR);
        String rest = sep < 0 ? clientId : clientId.substring(0, sep) + clientId.substring(sep + SEPARATOR.length());
        if (rest.contains(SEPARATOR)) {
            return Optional.of(new Violation(FORM, "Client ID '" + clientId + "' has more than one @@@ separator"));
        }
        if (rest.indexOf('@') >= 0) {
            return Optional.of(new Violation(CHARACTERS, "Client ID '" + clientId
                    + "' uses '@' outside the single @@@ separator"));
        }
        if (sep < 0) {
            return Optional.of(new Violation(FORM, "Client ID '" + clientId
                    + "' lacks the @@@ separator; expected <GroupID>@@@<DeviceID>"));
        }
        String group = clientId.substring(0, sep);
        String device = clientId.substring(sep + SEPARATOR.length());
        if (group.isEmpty() || device.isEmpty()) {
            return Optional.of(new Violation(FORM, "Client ID '" + clientId
                    + "' needs a non-empty Group ID and Device ID around @@@"));
        }
        return GroupIdRules.problemWith(group);
    }

    /** CONNECT check on syntax alone (LMQ-CID-1..3, {@link GroupIdRules} syntax). */
    public Verdict checkSyntax(String clientId) {
        return problemWith(clientId)
                .map(v -> v.toVerdict(MqttCodes.CONNACK_IDENTIFIER_REJECTED))
                .orElse(Verdict.ok());
    }

    /** Full CONNECT check: syntax, then the Group ID must exist on the instance ({@link GroupIdRules}). */
    public Verdict check(String clientId, GroupDirectory groups) {
        return checkSyntax(clientId).then(() -> {
            String group = clientId.substring(0, clientId.indexOf(SEPARATOR));
            return groups.groupExists(group) ? Verdict.ok()
                    : Verdict.refuse(GroupIdRules.RULE, MqttCodes.CONNACK_IDENTIFIER_REJECTED,
                            "Group ID '" + group + "' has not been created on this instance");
        });
    }

    /** Splits a Client ID that passes {@link #problemWith}; empty for anything else. */
    public Optional<ClientId> parse(String clientId) {
        if (problemWith(clientId).isPresent()) {
            return Optional.empty();
        }
        int sep = clientId.indexOf(SEPARATOR);
        return Optional.of(new ClientId(clientId.substring(0, sep), clientId.substring(sep + SEPARATOR.length())));
    }
}
