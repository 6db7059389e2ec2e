package dev.lmqharness.broker.auth;

/** How a connection proved who it is, chosen by the username prefix. */
public enum AuthMode {
    /** No credentials checked (allowed only when the broker is configured so). */
    ANONYMOUS,
    /** LMQ-AUTH-1: {@code Signature|<AccessKey>|<InstanceId>}. */
    SIGNATURE,
    /** LMQ-AUTH-2: {@code Token|<AccessKey>|<InstanceId>}. */
    TOKEN
}
