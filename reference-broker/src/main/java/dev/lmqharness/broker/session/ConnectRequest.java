package dev.lmqharness.broker.session;

/** A CONNECT that passed the protocol checks; {@code will} is null when the will flag is 0. */
public record ConnectRequest(String clientId, boolean cleanSession, int keepAliveSeconds, WillMessage will,
                             String username, byte[] password) {
}
