package dev.lmqharness.kit.client;

/** The two Java MQTT clients every application-visible rule runs through. */
public enum ClientKind {
    HIVEMQ("HiveMQ client"), PAHO("Eclipse Paho");

    private final String displayName;

    ClientKind(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
