package dev.lmqharness.broker.rules;

/** Which Group IDs exist on the instance ({@link GroupIdRules}: created before use). */
@FunctionalInterface
public interface GroupDirectory {

    boolean groupExists(String groupId);
}
