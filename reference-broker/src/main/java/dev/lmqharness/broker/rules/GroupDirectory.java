package dev.lmqharness.broker.rules;

/** Which Group IDs exist on the instance (LMQ-GID-1: created before use). */
@FunctionalInterface
public interface GroupDirectory {

    boolean groupExists(String groupId);
}
