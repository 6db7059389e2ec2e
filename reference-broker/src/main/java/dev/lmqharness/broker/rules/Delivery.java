package dev.lmqharness.broker.rules;

/** How an online message is pushed to a subscriber (the QoS guarantee of a {@link QosCell}). */
public enum Delivery {
    /** Pushed once, never redelivered (QoS0). */
    AT_MOST_ONCE,
    /** Redelivered until acknowledged (QoS1). */
    AT_LEAST_ONCE,
    /** Delivered exactly once (QoS2 four-step flow). */
    EXACTLY_ONCE;

    public static Delivery forQos(int qos) {
        return switch (qos) {
            case 0 -> AT_MOST_ONCE;
            case 1 -> AT_LEAST_ONCE;
            case 2 -> EXACTLY_ONCE;
            default -> throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + qos);
        };
    }
}
