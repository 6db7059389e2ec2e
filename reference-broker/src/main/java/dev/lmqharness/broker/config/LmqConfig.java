package dev.lmqharness.broker.config;

import dev.lmqharness.broker.auth.SignatureAuthenticator;
import dev.lmqharness.broker.auth.TokenAuthenticator;
import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.rules.ClientIdRules;
import dev.lmqharness.broker.rules.EditionPolicy;
import dev.lmqharness.broker.rules.GroupIdRules;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.OfflinePolicy;
import dev.lmqharness.broker.rules.P2pAddress;
import dev.lmqharness.broker.rules.PayloadLimit;
import dev.lmqharness.broker.rules.QosSessionPolicy;
import dev.lmqharness.broker.rules.SubscriptionQuota;
import dev.lmqharness.broker.rules.TopicRules;
import dev.lmqharness.broker.rules.WildcardQuota;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instance of the LMQ and Lite profiles (RULES.md): its objects created at start (more can be
 * added through the admin API), its limits, and authentication. Ignored by the plain profile.
 *
 * @param instanceId       the instance ID clients put in their user names ({@code SignatureAuthenticator}, {@code TokenAuthenticator})
 * @param groups           Group IDs created at start ({@code GroupIdRules})
 * @param parentTopics     parent topics created at start ({@code TopicRules})
 * @param accessKeys       AccessKey to SecretKey
 * @param limits           every configurable limit, documented defaults
 * @param anonymousAllowed whether a CONNECT without signature or token credentials is accepted
 * @param statusTopic      topic of the client status events ({@code EventType}); empty turns them off
 * @param traceCapacity    how many recent messages keep their trace ({@code MessageIdGenerator})
 * @param statusReaderGroups     Group IDs whose clients may subscribe to the status topic ({@code StatusReaders})
 * @param statusReaderAccessKeys AccessKeys whose clients may subscribe to the status topic; besides these
 *                               only a token granting R on the status topic may
 * @param brokenRules      fault injection: rule IDs the broker deliberately breaks, so a test can
 *                         show the suite goes red on them; empty in any real deployment
 */
public record LmqConfig(String instanceId, List<String> groups, List<String> parentTopics,
                        Map<String, String> accessKeys, LmqLimits limits, boolean anonymousAllowed,
                        String statusTopic, int traceCapacity, Set<String> brokenRules,
                        List<String> statusReaderGroups, List<String> statusReaderAccessKeys) {

    public static final String DEFAULT_STATUS_TOPIC = "$SYS/lmq/client-status";

    /**
     * Rules the fault injection can break (see README, "Fault injection"), named by their home
     * classes: each rule ID is spelled out in exactly one broker class.
     */
    public static final Set<String> BREAKABLE_RULES = Set.of(
            ClientIdRules.LENGTH, ClientIdRules.CHARACTERS, ClientIdRules.FORM, GroupIdRules.RULE,
            TopicRules.LENGTH, TopicRules.LEVELS, TopicRules.PARENT, SubscriptionQuota.RULE, WildcardQuota.RULE,
            PayloadLimit.RULE, SignatureAuthenticator.RULE, TokenAuthenticator.RULE, P2pAddress.RULE,
            QosSessionPolicy.QOS_2, OfflinePolicy.RETENTION, OfflinePolicy.CAP, EventType.RULE, EditionPolicy.RULE);

    public LmqConfig {
        groups = List.copyOf(groups);
        parentTopics = List.copyOf(parentTopics);
        accessKeys = Map.copyOf(accessKeys);
        brokenRules = Set.copyOf(brokenRules);
        statusReaderGroups = List.copyOf(statusReaderGroups);
        statusReaderAccessKeys = List.copyOf(statusReaderAccessKeys);
    }

    /** A closed instance: nothing created, anonymous access refused. */
    public static LmqConfig defaults() {
        return new LmqConfig("lmq-local", List.of(), List.of(), Map.of(), LmqLimits.defaults(), false,
                DEFAULT_STATUS_TOPIC, 100_000, Set.of(), List.of(), List.of());
    }

    public LmqConfig withInstanceId(String v) {
        return new LmqConfig(v, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withGroups(List<String> v) {
        return new LmqConfig(instanceId, v, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withParentTopics(List<String> v) {
        return new LmqConfig(instanceId, groups, v, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withAccessKeys(Map<String, String> v) {
        return new LmqConfig(instanceId, groups, parentTopics, v, limits, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withLimits(LmqLimits v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, v, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withAnonymousAllowed(boolean v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, v, statusTopic, traceCapacity,
                brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withStatusTopic(String v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, v,
                traceCapacity, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withBrokenRules(Set<String> v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, v, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withTraceCapacity(int v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                v, brokenRules, statusReaderGroups, statusReaderAccessKeys);
    }

    public LmqConfig withStatusReaderGroups(List<String> v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, v, statusReaderAccessKeys);
    }

    public LmqConfig withStatusReaderAccessKeys(List<String> v) {
        return new LmqConfig(instanceId, groups, parentTopics, accessKeys, limits, anonymousAllowed, statusTopic,
                traceCapacity, brokenRules, statusReaderGroups, v);
    }
}
