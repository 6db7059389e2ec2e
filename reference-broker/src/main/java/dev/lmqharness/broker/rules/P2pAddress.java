package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * LMQ-P2P-1: a message published to {@code <parent>/p2p/<targetClientId>} goes to that client
 * alone, with no subscription, and ordinary subscriptions never match it. {@link QosSessionPolicy} (the target's
 * cleanSession decides offline storage) is answered by {@link QosSessionPolicy#p2pCell}.
 *
 * <p>Any topic or filter whose second level is exactly {@code p2p} is in the P2P space: it must be
 * a full address (three levels, no wildcard), and (our Decision) a client may subscribe only to
 * its own address.
 */
public record P2pAddress(String parentTopic, String targetClientId) {

    public static final String RULE = "LMQ-P2P-1";
    public static final String LEVEL = "p2p";

    public P2pAddress {
        Objects.requireNonNull(parentTopic, "parentTopic");
        Objects.requireNonNull(targetClientId, "targetClientId");
    }

    /** Whether the topic or filter lies in the P2P space (second level is {@code p2p}). */
    public static boolean isP2p(String topicOrFilter) {
        if (topicOrFilter == null) {
            return false;
        }
        String[] levels = TopicFilters.levels(topicOrFilter);
        return levels.length >= 2 && levels[1].equals(LEVEL);
    }

    /**
     * The address of a well-formed P2P topic: exactly {@code <parent>/p2p/<clientId>}, no level
     * empty or a wildcard. The parent's existence and the Client ID's syntax are checked by
     * {@link TopicRules}.
     */
    public static Optional<P2pAddress> parse(String topic) {
        if (!isP2p(topic)) {
            return Optional.empty();
        }
        String[] levels = TopicFilters.levels(topic);
        if (levels.length != 3 || levels[0].isEmpty() || levels[2].isEmpty()
                || TopicFilters.hasWildcard(levels[0]) || TopicFilters.hasWildcard(levels[2])) {
            return Optional.empty();
        }
        return Optional.of(new P2pAddress(levels[0], levels[2]));
    }

    public String topic() {
        return parentTopic + TopicFilters.SEPARATOR + LEVEL + TopicFilters.SEPARATOR + targetClientId;
    }

    /**
     * Routing for ordinary subscriptions: MQTT matching, except that P2P topics are never matched
     * (they are delivered to their target by address).
     */
    public static boolean ordinaryFilterMatches(String filter, String topic) {
        return !isP2p(topic) && TopicFilters.matches(filter, topic);
    }

    /**
     * The P2P Decision for SUBSCRIBE: a filter in the P2P space is allowed only if it is exactly
     * the subscriber's own address. Filters outside the P2P space are not judged here.
     */
    public static Verdict checkSubscribe(String filter, String subscriberClientId) {
        if (!isP2p(filter)) {
            return Verdict.ok();
        }
        Optional<P2pAddress> address = parse(filter);
        if (address.isEmpty()) {
            return Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE, "P2P filter '" + filter
                    + "' must be exactly <parent>/p2p/<your Client ID>, without wildcards");
        }
        if (!address.get().targetClientId().equals(subscriberClientId)) {
            return Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE, "client '" + subscriberClientId
                    + "' may not subscribe to the P2P address of '" + address.get().targetClientId() + "'");
        }
        return Verdict.ok();
    }
}
