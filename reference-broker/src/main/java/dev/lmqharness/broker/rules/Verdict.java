package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The answer of a rule to a CONNECT or SUBSCRIBE: allowed, or refused with the rule ID that
 * refused, a human-readable reason and the MQTT return code to send ({@link MqttCodes}: a CONNACK
 * code for connect checks, {@link MqttCodes#SUBACK_FAILURE} for subscribe checks).
 *
 * <p>Expected refusals are values, not exceptions, so the protocol code can answer the client and
 * log the reason in one place.
 *
 * @param allowed    whether the rule lets the operation proceed
 * @param ruleId     the refusing rule's ID (e.g. {@link ClientIdRules#LENGTH}); {@code null} when allowed
 * @param returnCode the MQTT return code to send; {@code 0} when allowed
 * @param reason     why; "ok" when allowed
 */
public record Verdict(boolean allowed, String ruleId, int returnCode, String reason) {

    private static final Verdict OK = new Verdict(true, null, 0, "ok");

    public Verdict {
        Objects.requireNonNull(reason, "reason");
        if (!allowed) {
            Objects.requireNonNull(ruleId, "a refusal names its rule");
        }
    }

    public static Verdict ok() {
        return OK;
    }

    public static Verdict refuse(String ruleId, int returnCode, String reason) {
        return new Verdict(false, ruleId, returnCode, reason);
    }

    public boolean refused() {
        return !allowed;
    }

    /** This verdict if it refuses, otherwise the next check's verdict (checks run in order). */
    public Verdict then(Supplier<Verdict> next) {
        return allowed ? next.get() : this;
    }

    @Override
    public String toString() {
        return allowed ? "Verdict[ok]"
                : "Verdict[refused " + ruleId + " code=0x" + Integer.toHexString(returnCode) + ": " + reason + "]";
    }
}
