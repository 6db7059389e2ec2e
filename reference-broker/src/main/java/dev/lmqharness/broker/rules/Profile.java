package dev.lmqharness.broker.rules;

/** Which rulebook the broker enforces. */
public enum Profile {
    /** Plain OASIS MQTT 3.1.1, no LMQ naming rules or limits. */
    MQTT311,
    /** Every rule of RULES.md (Message Queue for MQTT, standard edition). */
    LMQ,
    /** {@link EditionPolicy}: the Lite edition (QoS0, cleanSession=true only). */
    LITE
}
