package dev.lmqharness.kit.wire;

import dev.lmqharness.kit.auth.UserPass;

/** What a well-formed CONNECT carries. Malformed ones are built with {@link RawBytes}. */
public record ConnectSpec(String clientId, boolean cleanSession, int keepAliveSeconds, UserPass credentials, Will will) {

    public ConnectSpec withCleanSession(boolean c) {
        return new ConnectSpec(clientId, c, keepAliveSeconds, credentials, will);
    }

    public ConnectSpec withKeepAlive(int seconds) {
        return new ConnectSpec(clientId, cleanSession, seconds, credentials, will);
    }

    public ConnectSpec withWill(Will w) {
        return new ConnectSpec(clientId, cleanSession, keepAliveSeconds, credentials, w);
    }

    public ConnectSpec withClientId(String id) {
        return new ConnectSpec(id, cleanSession, keepAliveSeconds, credentials, will);
    }

    public ConnectSpec withCredentials(UserPass c) {
        return new ConnectSpec(clientId, cleanSession, keepAliveSeconds, c, will);
    }
}
