package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.function.Function;

/**
 * Every rule an incoming PUBLISH passes, in one fixed order; the first refusal wins:
 * <ol>
 *   <li>topic rules ({@link TopicRules}, {@link P2pAddress}), or plain MQTT topic-name
 *       syntax when the LMQ rules are off: discard and close;</li>
 *   <li>the connection's W permission of {@code TokenAuthenticator} (e.g. {@code permissions::checkPublish}):
 *       discard and close;</li>
 *   <li>payload size ({@link PayloadLimit}): acknowledge and discard, connection stays.
 *       Checked last so only otherwise valid messages are counted as oversize.</li>
 * </ol>
 */
public final class PublishChecks {

    private final TopicRules topics;
    private final PayloadLimit payload;

    /**
     * @param topics  LMQ topic rules, or {@code null} in the plain MQTT profile
     * @param payload the payload limit, or {@code null} when there is none (plain MQTT)
     */
    public PublishChecks(TopicRules topics, PayloadLimit payload) {
        this.topics = topics;
        this.payload = payload;
    }

    public PublishVerdict check(String topic, int payloadBytes, Function<String, PublishVerdict> permission) {
        Objects.requireNonNull(permission, "permission");
        PublishVerdict v = topics != null ? topics.checkPublish(topic)
                : TopicFilters.checkTopicName(topic)
                        .map(x -> x.toPublishVerdict(PublishVerdict.Action.DISCARD_AND_CLOSE))
                        .orElse(PublishVerdict.deliver());
        if (!v.delivers()) {
            return v;
        }
        v = permission.apply(topic);
        if (!v.delivers()) {
            return v;
        }
        return payload != null ? payload.check(payloadBytes) : PublishVerdict.deliver();
    }
}
