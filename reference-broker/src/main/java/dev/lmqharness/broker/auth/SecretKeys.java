package dev.lmqharness.broker.auth;

import java.util.Optional;

/**
 * Looks up the SecretKey of an AccessKey (e.g. {@code InstanceRegistry::secretKeyOf}).
 * Kept as an interface so auth does not depend on where keys are stored.
 */
@FunctionalInterface
public interface SecretKeys {

    Optional<String> secretKeyOf(String accessKey);
}
