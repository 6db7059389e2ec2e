package dev.lmqharness.kit.client;

import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.Will;

/** What an application asks its client to connect with. */
public record AppConnectOptions(boolean cleanSession, int keepAliveSeconds, UserPass credentials, Will will) {
    public AppConnectOptions withCleanSession(boolean c) {
        return new AppConnectOptions(c, keepAliveSeconds, credentials, will);
    }

    public AppConnectOptions withWill(Will w) {
        return new AppConnectOptions(cleanSession, keepAliveSeconds, credentials, w);
    }

    public AppConnectOptions withCredentials(UserPass c) {
        return new AppConnectOptions(cleanSession, keepAliveSeconds, c, will);
    }
}
