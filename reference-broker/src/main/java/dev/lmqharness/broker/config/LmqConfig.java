package dev.lmqharness.broker.config;

import dev.lmqharness.broker.rules.LmqLimits;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instance of the LMQ and Lite profiles (RULES.md): its objects created at start (more can be
 * added through the admin API), its limits, and authentication. Ignored by the plain profile.
 *
 * @param instanceId       the instance ID clients put in their user names (LMQ-AUTH-1/2)
 * @param groups           Group IDs created at start (LMQ-GID-1)
 * @param parentTopics     parent topics created at start (LMQ-TOPIC-3)
 * @param accessKeys       AccessKey to SecretKey
 * @param limits           every configurable limit, documented defaults
 * @param anonymousAllowed whether a CONNECT without signature or token credentials is accepted
 * @param statusTopic      topic of the client status events (LMQ-EVT-1); empty turns them off
 * @param traceCapacity    how many recent messages keep their trace (LMQ-MSG-3)
 * @param brokenRules      fault injection: rule IDs the broker deliberately breaks, so a test can
 *                         show the suite goes red on them; empty in any real deployment
 */
public record LmqConfig(String instanceId, List<String> groups, List<String> parentTopics,
                        Map<String, String> accessKeys, LmqLimits limits, boolean anonymousAllowed,
                        String statusTopic, int traceCapacity, Set<String> brokenRules) {

    public static final String DEFAULT_STATUS_TOPIC = "$SYS/lmq/client-status";

    /** Rules the fault injection can break (see README, "Fault injection"). */
    public static final Set<String> BREAKABLE_RULES = Set.of(
            "LMQ-CID-1", "LMQ-CID-2", "LMQ-CID-3", "LMQ-GID-1", "LMQ-TOPIC-1", "LMQ-TOPIC-2", "LMQ-TOPIC-3",
            "LMQ-SUB-1", "LMQ-SUB-2", "LMQ-MSG-1", "LMQ-AUTH-1", "LMQ-AUTH-2", "LMQ-P2P-1", "LMQ-QOS-2",
            "LMQ-OFF-1", "LMQ-OFF-3", "LMQ-EVT-1", "LMQ-ED-1");

    public LmqConfig {
        groups = List.copyOf(groups);
        parentTopics = List.copyOf(parentTopics);
        accessKeys = Map.copyOf(accessKeys);
        brokenRules = Set.copyOf(brokenRules);
    }

    /** A closed instance: nothing created, anonymous access refused. */
    public static LmqConfig defaults() {
        return new LmqConfig("lmq-local", List.of(), List.of(), Map.of(), LmqLimits.defaults(), false,
                DEFAULT_STATUS_TOPIC, 100_000, Set.of());
    }

    public LmqConfig withInstanceId(String v) {
        return new LmqConfig(v, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic, traceCapacity, brokenRules);
    }

    public LmqConfig withGroups(List<String> v) {
        return new LmqConfig(instanceId, v, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic, traceCapacity, brokenRules);
    }

    public LmqConfig withParentTopics(List<String> v) {
        return new LmqConfig(instanceId, groups, v, accessKeys, limits, anonymousAllowed, statusTopic, traceCapacity, brokenRules);
    }

    public LmqConfig withAccessKeys(Map<String, String> v) {
        return new LmqConfig(instanceId, groups, parentTopics, v, limits, anonymousAllowed, statusTopic, traceCapacity, brokenRules);
    }

    public LmqConfig withLimits(LmqLimits v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, v, anonymousAllowed, statusTopic, traceCapacity, brokenRules);
    }

    public LmqConfig withAnonymousAllowed(boolean v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, v, statusTopic, traceCapacity, brokenRules);
    }

    public LmqConfig withStatusTopic(String v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, v, traceCapacity, brokenRules);
    }

    public LmqConfig withBrokenRules(Set<String> v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, v);
    }

    public LmqConfig withTraceCapacity(int v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic, v, brokenRules);
    }
}
