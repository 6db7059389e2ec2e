package dev.lmqharness.broker.rules;

import java.util.Objects;

/**
 * One broken rule, before it is turned into the answer for a particular packet
 * ({@link #toVerdict(int)} for CONNECT/SUBSCRIBE, {@link #toPublishVerdict} for PUBLISH,
 * {@link #toRegistryResult()} for admin changes). Lets one validation serve several callers.
 */
public record Violation(String ruleId, String reason) {

    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reason, "reason");
    }

    public Verdict toVerdict(int returnCode) {
        return Verdict.refuse(ruleId, returnCode, reason);
    }

    public PublishVerdict toPublishVerdict(PublishVerdict.Action action) {
        return new PublishVerdict(action, ruleId, reason);
    }

    public RegistryResult toRegistryResult() {
        return RegistryResult.refuse(ruleId, reason);
    }
}
