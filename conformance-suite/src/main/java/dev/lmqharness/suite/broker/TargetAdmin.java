package dev.lmqharness.suite.broker;

import java.time.Instant;
import java.util.List;

/**
 * The administrative operations some LMQ rules need (tokens, parent topics, message traces),
 * mirroring the product's OpenAPI (LMQ-TOKEN-2). A target offers it with the {@code admin-api}
 * capability ({@link HttpAdminClient}: the bundled broker, or {@code lmq.adminUrl}); tests that need
 * it are skipped where there is none.
 */
public interface TargetAdmin {

    /** The target's own time: token expiry times are absolute and the target's clock may differ from ours. */
    Instant now();

    /** ApplyToken: resources are topics (wildcards allowed), actions "R", "W" or "R,W". */
    String applyToken(List<String> resources, String actions, Instant expireTime);

    /** QueryToken. */
    TokenStatus queryToken(String token);

    /** RevokeToken: ends the token at once. */
    void revokeToken(String token);

    void createParentTopic(String name);

    void deleteParentTopic(String name);

    /** Traces of the messages published to exactly this topic, oldest first (LMQ-MSG-3). */
    List<MessageTrace> traces(String topic);

    /** What QueryToken says. */
    record TokenStatus(boolean valid, Instant expireTime) {
    }

    /** One message's trace: its ID, who published it, when, and who received it. */
    record MessageTrace(String messageId, String publisherClientId, Instant publishTime, List<String> deliveredTo) {
    }

    /** An operation the target refused; the message is the target's. */
    final class AdminException extends RuntimeException {
        public AdminException(String message) {
            super(message);
        }
    }
}
