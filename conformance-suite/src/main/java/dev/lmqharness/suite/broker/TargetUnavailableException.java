package dev.lmqharness.suite.broker;

/** The target cannot be used at all (wrong URL, refused credentials, broker did not start). One line. */
public final class TargetUnavailableException extends RuntimeException {
    public TargetUnavailableException(String oneLine) {
        super(oneLine, null, false, false);
    }
}
