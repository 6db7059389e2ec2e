package dev.lmqharness.broker.protocol;

/**
 * The MQTT 3.1.1 checks on a CONNECT that netty-codec-mqtt leaves to the broker. Pure: no Netty.
 */
final class ConnectChecks {

    /** What to do with a CONNECT. {@code returnCode} applies to REFUSE. */
    record Verdict(Action action, int returnCode, String reason) {
        static final Verdict ACCEPT = new Verdict(Action.ACCEPT, 0, null);

        static Verdict refuse(int rc, String reason) {
            return new Verdict(Action.REFUSE, rc, reason);
        }

        static Verdict close(String reason) {
            return new Verdict(Action.CLOSE, 0, reason);
        }
    }

    enum Action { ACCEPT, REFUSE, CLOSE }

    static final int IDENTIFIER_REJECTED = 0x02;

    private ConnectChecks() {
    }

    static Verdict check(boolean willFlag, int willQos, boolean willRetain, boolean hasUserName, boolean hasPassword,
                         String clientId, boolean cleanSession) {
        if (!willFlag && (willQos != 0 || willRetain)) {
            return Verdict.close("will QoS/retain set without will flag (MQTT-3.1.2-11, -13, -15)");
        }
        if (willFlag && willQos > 2) {
            return Verdict.close("will QoS 3 (MQTT-3.1.2-14)");
        }
        if (!hasUserName && hasPassword) {
            return Verdict.close("password flag without user name flag (MQTT-3.1.2-22)");
        }
        if ((clientId == null || clientId.isEmpty()) && !cleanSession) {
            return Verdict.refuse(IDENTIFIER_REJECTED, "zero-length client ID with cleanSession=0 (MQTT-3.1.3-8)");
        }
        return Verdict.ACCEPT;
    }
}
