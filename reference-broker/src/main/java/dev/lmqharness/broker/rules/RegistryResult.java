package dev.lmqharness.broker.rules;

import java.util.Objects;

/**
 * The outcome of an administrative change to the {@link InstanceRegistry} (create or delete a
 * Group ID, parent topic or access key): there is no MQTT packet to answer, so no return code.
 *
 * @param ok     whether the change was made
 * @param ruleId the refusing rule; {@code null} when ok
 * @param reason why; "ok" when ok
 */
public record RegistryResult(boolean ok, String ruleId, String reason) {

    private static final RegistryResult OK = new RegistryResult(true, null, "ok");

    public RegistryResult {
        Objects.requireNonNull(reason, "reason");
    }

    public static RegistryResult success() {
        return OK;
    }

    public static RegistryResult refuse(String ruleId, String reason) {
        return new RegistryResult(false, ruleId, reason);
    }

    /**
     * This result, naming {@code rule} if it is a refusal that names none: access keys are kept
     * here but checked by the authenticators, which own their rules.
     */
    public RegistryResult orRule(String rule) {
        return ok || ruleId != null ? this : new RegistryResult(false, rule, reason);
    }
}
