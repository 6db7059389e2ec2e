package dev.lmqharness.broker.rules;

import java.util.Optional;

/**
 * LMQ-GID-1 (syntax part): a Group ID is 7–64 characters of {@code 0-9 a-z A-Z - _} and starts
 * with {@code GID_} or {@code GID-} (case-sensitive, as the documents write it). Uniqueness and
 * "created before use" live in {@link InstanceRegistry}.
 */
public final class GroupIdRules {

    public static final String RULE = "LMQ-GID-1";
    public static final int MIN_LENGTH = 7;
    public static final int MAX_LENGTH = 64;

    private GroupIdRules() {
    }

    public static Optional<Violation> problemWith(String groupId) {
        if (groupId == null || groupId.isEmpty()) {
            return Optional.of(new Violation(RULE, "Group ID is empty"));
        }
        int length = NameChars.length(groupId);
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of(new Violation(RULE, "Group ID '" + groupId + "' has " + length
                    + " characters; allowed " + MIN_LENGTH + "-" + MAX_LENGTH));
        }
        Optional<Integer> bad = NameChars.firstBadChar(groupId);
        if (bad.isPresent()) {
            return Optional.of(new Violation(RULE, "Group ID contains " + NameChars.describe(groupId, bad.get())
                    + "; allowed are 0-9 a-z A-Z - _"));
        }
        if (!groupId.startsWith("GID_") && !groupId.startsWith("GID-")) {
            return Optional.of(new Violation(RULE, "Group ID '" + groupId + "' must start with GID_ or GID-"));
        }
        return Optional.empty();
    }

    /** For CONNECT: a bad Group ID is refused with CONNACK 0x02 (identity Decision). */
    public static Verdict check(String groupId) {
        return problemWith(groupId)
                .map(v -> v.toVerdict(MqttCodes.CONNACK_IDENTIFIER_REJECTED))
                .orElse(Verdict.ok());
    }
}
