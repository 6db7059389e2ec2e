package dev.lmqharness.kit.client;

/**
 * How a connect attempt ended: accepted (with Session Present), refused with a CONNACK return
 * code, or closed by the server without a CONNACK ({@code returnCode == -1}).
 */
public record ConnectOutcome(boolean accepted, boolean sessionPresent, int returnCode, String detail) {
    public static ConnectOutcome accepted(boolean sessionPresent) {
        return new ConnectOutcome(true, sessionPresent, 0, "accepted");
    }

    public static ConnectOutcome refused(int code, String detail) {
        return new ConnectOutcome(false, false, code, detail);
    }

    public static ConnectOutcome closed(String detail) {
        return new ConnectOutcome(false, false, -1, detail);
    }
}
