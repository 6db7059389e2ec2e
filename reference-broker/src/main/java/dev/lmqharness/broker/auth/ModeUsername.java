package dev.lmqharness.broker.auth;

import java.util.Optional;

/** {@code <Mode>|<AccessKey>|<InstanceId>}, the username of both LMQ auth modes. */
record ModeUsername(String mode, String accessKey, String instanceId) {

    static final String SIGNATURE = "Signature";
    static final String TOKEN = "Token";

    static Optional<ModeUsername> parse(String username, String expectedMode) {
        if (username == null) {
            return Optional.empty();
        }
        String[] parts = username.split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals(expectedMode) || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModeUsername(parts[0], parts[1], parts[2]));
    }
}
