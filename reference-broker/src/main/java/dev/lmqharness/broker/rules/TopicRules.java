package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * LMQ-TOPIC-1 (full topic 3–64 characters, configurable), LMQ-TOPIC-2 (levels of
 * {@code 0-9 a-z A-Z - _}, separated by {@code /}), LMQ-TOPIC-3 (the first level is a parent topic
 * created on the instance) for PUBLISH topic names and SUBSCRIBE filters, and {@link P2pAddress} for
 * topics in the P2P space.
 *
 * <p>Answers, per the topics Decision: a bad filter gets SUBACK 0x80; a PUBLISH to a bad topic is
 * delivered to no one and the connection is closed.
 *
 * <p>Choices where the documents are silent: an empty level ({@code a//b}, {@code a/}) breaks
 * LMQ-TOPIC-2 (a level is at least one allowed character); the first level of a filter must be a
 * literal parent, not a wildcard (LMQ-TOPIC-3); a P2P topic's third level is a Client ID (so it
 * may contain {@code @@@}) and its length is bounded by its parts (parent ≤ topic max, Client ID
 * ≤ Client ID max), not by the full-topic limit, which a 64-character Client ID would exceed.
 */
public final class TopicRules {
    public static final String LENGTH = "LMQ-TOPIC-1";
    public static final String LEVELS = "LMQ-TOPIC-2";
    public static final String PARENT = "LMQ-TOPIC-3";


    private final LmqLimits limits;
    private final ParentTopicDirectory parents;
    private final ClientIdRules clientIds;

    public TopicRules(LmqLimits limits, ParentTopicDirectory parents) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.clientIds = new ClientIdRules(limits);
    }

    /** PUBLISH: deliver, or discard and close the connection. */
    public PublishVerdict checkPublish(String topic) {
        return problemWithTopicName(topic)
                .map(v -> v.toPublishVerdict(PublishVerdict.Action.DISCARD_AND_CLOSE))
                .orElse(PublishVerdict.deliver());
    }

    /** SUBSCRIBE: granted, or SUBACK 0x80. */
    public Verdict checkSubscribe(String filter, String subscriberClientId) {
        return problemWithFilter(filter, subscriberClientId)
                .map(v -> v.toVerdict(MqttCodes.SUBACK_FAILURE))
                .orElse(Verdict.ok());
    }

    public Optional<Violation> problemWithTopicName(String topic) {
        Optional<Violation> mqtt = TopicFilters.checkTopicName(topic);
        if (mqtt.isPresent()) {
            return mqtt;
        }
        if (P2pAddress.isP2p(topic)) {
            return problemWithP2p(topic);
        }
        return problemWithLevels(topic, false);
    }

    public Optional<Violation> problemWithFilter(String filter, String subscriberClientId) {
        Optional<Violation> mqtt = TopicFilters.checkFilter(filter);
        if (mqtt.isPresent()) {
            return mqtt;
        }
        if (P2pAddress.isP2p(filter)) {
            Verdict own = P2pAddress.checkSubscribe(filter, subscriberClientId);
            if (own.refused()) {
                return Optional.of(new Violation(own.ruleId(), own.reason()));
            }
            return problemWithP2p(filter);
        }
        return problemWithLevels(filter, true);
    }

    private Optional<Violation> problemWithLevels(String topic, boolean wildcardsAllowed) {
        int length = topic.length(); // ASCII is checked below; a non-ASCII topic fails either way
        if (length < limits.topicMinLength() || length > limits.topicMaxLength()) {
            return Optional.of(new Violation(LENGTH, "topic '" + abbreviate(topic) + "' has " + length
                    + " characters; allowed " + limits.topicMinLength() + "-" + limits.topicMaxLength()));
        }
        String[] levels = TopicFilters.levels(topic);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (wildcardsAllowed && (level.equals(TopicFilters.SINGLE_LEVEL) || level.equals(TopicFilters.MULTI_LEVEL))) {
                if (i == 0) {
                    return Optional.of(new Violation(PARENT,
                            "the first level of '" + topic + "' must name a parent topic, not a wildcard"));
                }
                continue;
            }
            Optional<Violation> bad = levelProblem(topic, level, i);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return parentProblem(levels[0]);
    }

    private Optional<Violation> problemWithP2p(String topic) {
        Optional<P2pAddress> address = P2pAddress.parse(topic);
        if (address.isEmpty()) {
            return Optional.of(new Violation(P2pAddress.RULE,
                    "P2P topic '" + abbreviate(topic) + "' must be exactly <parent>/p2p/<Client ID>"));
        }
        String parent = address.get().parentTopic();
        Optional<Violation> bad = levelProblem(topic, parent, 0);
        if (bad.isPresent()) {
            return bad;
        }
        if (parent.length() > limits.topicMaxLength()) {
            return Optional.of(new Violation(LENGTH, "parent topic of '" + abbreviate(topic)
                    + "' is longer than " + limits.topicMaxLength() + " characters"));
        }
        Optional<Violation> target = clientIds.problemWith(address.get().targetClientId());
        if (target.isPresent()) {
            return Optional.of(new Violation(P2pAddress.RULE,
                    "P2P target is not a valid Client ID: " + target.get().reason()));
        }
        return parentProblem(parent);
    }

    private static Optional<Violation> levelProblem(String topic, String level, int index) {
        if (level.isEmpty()) {
            return Optional.of(new Violation(LEVELS,
                    "topic '" + abbreviate(topic) + "' has an empty level at position " + (index + 1)));
        }
        Optional<Integer> bad = NameChars.firstBadChar(level);
        return bad.map(i -> new Violation(LEVELS, "level " + (index + 1) + " of topic '" + abbreviate(topic)
                + "' contains " + NameChars.describe(level, i) + "; allowed are 0-9 a-z A-Z - _"));
    }

    private Optional<Violation> parentProblem(String parent) {
        return parents.parentTopicExists(parent) ? Optional.empty()
                : Optional.of(new Violation(PARENT,
                        "parent topic '" + parent + "' has not been created on this instance"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
