package dev.lmqharness.broker.rules;

/**
 * What CONNECT does to a client's stored session ({@link QosSessionPolicy}: a client keeps one cleanSession
 * flag; switching to true discards its session).
 *
 * @param ruleId                 the rule applied
 * @param effectiveCleanSession  the flag that takes effect (Lite forces true)
 * @param discardStoredSession   delete the stored session and its queued messages now
 * @param resumeStoredSession    continue the stored session (subscriptions, queued messages)
 * @param sessionPresent         the CONNACK session-present flag
 * @param persistAfterDisconnect keep the session when this connection ends
 */
public record SessionStart(String ruleId,
                           boolean effectiveCleanSession,
                           boolean discardStoredSession,
                           boolean resumeStoredSession,
                           boolean sessionPresent,
                           boolean persistAfterDisconnect) {
}
