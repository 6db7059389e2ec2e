package dev.lmqharness.broker.rules;

import java.util.Objects;

/**
 * The answer for one filter of a SUBSCRIBE: granted with a QoS, or refused with the verdict that
 * refused it. {@link #subackCode()} is the byte to put in the SUBACK.
 */
public record SubscribeOutcome(Verdict verdict, int grantedQos) {

    public SubscribeOutcome {
        Objects.requireNonNull(verdict, "verdict");
    }

    public static SubscribeOutcome granted(int qos) {
        return new SubscribeOutcome(Verdict.ok(), qos);
    }

    public static SubscribeOutcome refused(Verdict verdict) {
        return new SubscribeOutcome(verdict, -1);
    }

    public boolean isGranted() {
        return verdict.allowed();
    }

    /** Granted QoS (0..2) or {@link MqttCodes#SUBACK_FAILURE}. */
    public int subackCode() {
        return verdict.allowed() ? grantedQos : MqttCodes.SUBACK_FAILURE;
    }
}
