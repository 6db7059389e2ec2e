package dev.lmqharness.broker.lmq;

/**
 * The broker's answer to CONNECT as a client library saw it.
 *
 * @param returnCode CONNACK return code, or {@link #NO_CONNACK} when the connection closed without one
 */
record ConnectResult(int returnCode, boolean sessionPresent) {

    static final int NO_CONNACK = -1;

    boolean accepted() {
        return returnCode == 0;
    }
}
