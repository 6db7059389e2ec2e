package dev.lmqharness.suite.broker;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The limits an admin API reports ({@code GET /api/v1/instance}, field {@code limits}) in the
 * suite's names; the suite uses them where {@code lmq.limit.*} does not say otherwise.
 */
final class AdminLimits {
    private AdminLimits() {
    }

    static Map<Limits.Name, Long> from(JsonNode limits) {
        Map<Limits.Name, Long> out = new EnumMap<>(Limits.Name.class);
        number(limits, "clientIdMaxLength", Limits.Name.CLIENT_ID_MAX_LENGTH, out);
        number(limits, "topicMinLength", Limits.Name.TOPIC_MIN_LENGTH, out);
        number(limits, "topicMaxLength", Limits.Name.TOPIC_MAX_LENGTH, out);
        number(limits, "maxParentTopics", Limits.Name.PARENT_TOPICS, out);
        number(limits, "maxSubscriptionsPerClient", Limits.Name.SUBSCRIPTIONS_PER_CLIENT, out);
        number(limits, "maxWildcardSubscriptionsPerParent", Limits.Name.WILDCARD_SUBSCRIPTIONS_PER_PARENT, out);
        number(limits, "maxPayloadBytes", Limits.Name.PAYLOAD_MAX_BYTES, out);
        number(limits, "maxOfflineMessages", Limits.Name.OFFLINE_MESSAGES, out);
        number(limits, "clientMessagesPerSecond", Limits.Name.MESSAGES_PER_SECOND_PER_CLIENT, out);
        seconds(limits, "offlineRetention", Limits.Name.OFFLINE_RETENTION_SECONDS, out);
        seconds(limits, "offlineVisibilityWindow", Limits.Name.OFFLINE_VISIBILITY_SECONDS, out);
        seconds(limits, "tokenMaxValidity", Limits.Name.TOKEN_MAX_VALIDITY_SECONDS, out);
        return out;
    }

    private static void number(JsonNode n, String field, Limits.Name name, Map<Limits.Name, Long> out) {
        JsonNode v = n.get(field);
        if (v != null && v.canConvertToLong() && v.asLong() > 0) {
            out.put(name, v.asLong());
        }
    }

    private static void seconds(JsonNode n, String field, Limits.Name name, Map<Limits.Name, Long> out) {
        JsonNode v = n.get(field);
        if (v != null && v.isTextual()) {
            try {
                long s = Duration.parse(v.asText()).toSeconds();
                if (s > 0) {
                    out.put(name, s);
                }
            } catch (DateTimeParseException e) {
                // not ISO-8601: keep the suite's value
            }
        }
    }
}
