package dev.lmqharness.broker.auth;

/** How a connection proved who it is, chosen by the username prefix. */
public enum AuthMode {
    /** No credentials checked (allowed only when the broker is configured so). */
    ANONYMOUS,
    /** {@link SignatureAuthenticator}: {@code Signature|<AccessKey>|<InstanceId>}. */
    SIGNATURE,
    /** {@link TokenAuthenticator}: {@code Token|<AccessKey>|<InstanceId>}. */
    TOKEN
}
