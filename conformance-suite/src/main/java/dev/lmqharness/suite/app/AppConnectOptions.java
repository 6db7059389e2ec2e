package dev.lmqharness.suite.app;

import dev.lmqharness.suite.target.Credentials;
import dev.lmqharness.suite.wire.Will;

/** What an application asks its client to connect with. */
public record AppConnectOptions(boolean cleanSession, int keepAliveSeconds, Credentials credentials, Will will) {
    public AppConnectOptions withCleanSession(boolean c) {
        return new AppConnectOptions(c, keepAliveSeconds, credentials, will);
    }

    public AppConnectOptions withWill(Will w) {
        return new AppConnectOptions(cleanSession, keepAliveSeconds, credentials, w);
    }

    public AppConnectOptions withCredentials(Credentials c) {
        return new AppConnectOptions(cleanSession, keepAliveSeconds, c, will);
    }
}
