package dev.lmqharness.broker.rules;

/** Which parent topics exist on the instance ({@link TopicRules}: created before use). */
@FunctionalInterface
public interface ParentTopicDirectory {

    /** Exact-case lookup of a topic's first level. */
    boolean parentTopicExists(String parentTopic);
}
