package dev.lmqharness.broker.rules;

/**
 * One cell of the QoS × cleanSession table (see {@link QosSessionPolicy}; its own cells for P2P, and {@link EditionPolicy}'s for the
 * Lite edition): what a subscription of this QoS, held by a session with this cleanSession flag,
 * gets.
 *
 * @param ruleId                        the rule that defines the cell
 * @param subscriptionQos               the QoS the broker applies (after any Lite downgrade)
 * @param requestedCleanSession         the flag the client sent
 * @param effectiveCleanSession         the flag that takes effect for this subscription
 *                                      (QoS2 + cleanSession=false behaves as true in LMQ)
 * @param onlineDelivery                the guarantee for messages while the client is online
 * @param keepsOfflineMessages          whether messages arriving while offline are stored for it
 * @param subscriptionSurvivesReconnect whether the subscription is still there after a reconnect
 */
public record QosCell(String ruleId,
                      int subscriptionQos,
                      boolean requestedCleanSession,
                      boolean effectiveCleanSession,
                      Delivery onlineDelivery,
                      boolean keepsOfflineMessages,
                      boolean subscriptionSurvivesReconnect) {
}
