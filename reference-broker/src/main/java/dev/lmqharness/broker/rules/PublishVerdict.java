package dev.lmqharness.broker.rules;

import java.util.Objects;

/**
 * The answer of a rule to an incoming PUBLISH. MQTT 3.1.1 has no negative PUBACK, so a refusal is
 * one of two actions:
 * <ul>
 *   <li>{@link Action#ACK_AND_DISCARD}: acknowledge per the QoS flow, deliver to no one, keep the
 *       connection ({@link PayloadLimit} Decision for oversize payloads);</li>
 *   <li>{@link Action#DISCARD_AND_CLOSE}: deliver to no one and close the connection (LMQ-TOPIC
 *       Decision for invalid topics; MQTT-3.3.5-2 for unauthorised publishes).</li>
 * </ul>
 *
 * @param action what the broker does with the message
 * @param ruleId the refusing rule; {@code null} for {@link Action#DELIVER}
 * @param reason why; "ok" for {@link Action#DELIVER}
 */
public record PublishVerdict(Action action, String ruleId, String reason) {

    public enum Action { DELIVER, ACK_AND_DISCARD, DISCARD_AND_CLOSE }

    private static final PublishVerdict DELIVER = new PublishVerdict(Action.DELIVER, null, "ok");

    public PublishVerdict {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (action != Action.DELIVER) {
            Objects.requireNonNull(ruleId, "a refusal names its rule");
        }
    }

    public static PublishVerdict deliver() {
        return DELIVER;
    }

    public static PublishVerdict ackAndDiscard(String ruleId, String reason) {
        return new PublishVerdict(Action.ACK_AND_DISCARD, ruleId, reason);
    }

    public static PublishVerdict discardAndClose(String ruleId, String reason) {
        return new PublishVerdict(Action.DISCARD_AND_CLOSE, ruleId, reason);
    }

    public boolean delivers() {
        return action == Action.DELIVER;
    }

    public boolean closesConnection() {
        return action == Action.DISCARD_AND_CLOSE;
    }
}
