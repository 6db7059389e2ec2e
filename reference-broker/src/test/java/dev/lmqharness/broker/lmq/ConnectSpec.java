package dev.lmqharness.broker.lmq;

import java.nio.charset.StandardCharsets;

/**
 * What a test client sends in CONNECT, plus whether the application acknowledges received
 * QoS1/2 messages itself ({@code manualAcks}: nothing is acknowledged until {@link Received#ack()}).
 */
record ConnectSpec(String clientId, boolean cleanSession, int keepAliveSeconds, String username, byte[] password,
                   boolean manualAcks) {

    static ConnectSpec of(String clientId) {
        return new ConnectSpec(clientId, true, 30, null, null, false);
    }

    ConnectSpec cleanSession(boolean v) {
        return new ConnectSpec(clientId, v, keepAliveSeconds, username, password, manualAcks);
    }

    ConnectSpec keepAlive(int seconds) {
        return new ConnectSpec(clientId, cleanSession, seconds, username, password, manualAcks);
    }

    ConnectSpec credentials(String user, String pass) {
        return new ConnectSpec(clientId, cleanSession, keepAliveSeconds, user,
                pass == null ? null : pass.getBytes(StandardCharsets.UTF_8), manualAcks);
    }

    ConnectSpec manualAcks(boolean v) {
        return new ConnectSpec(clientId, cleanSession, keepAliveSeconds, username, password, v);
    }
}
