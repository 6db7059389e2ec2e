package dev.lmqharness.broker.rules;

/** Which parent topics exist on the instance (LMQ-TOPIC-3: created before use). */
@FunctionalInterface
public interface ParentTopicDirectory {

    /** Exact-case lookup of a topic's first level. */
    boolean parentTopicExists(String parentTopic);
}
