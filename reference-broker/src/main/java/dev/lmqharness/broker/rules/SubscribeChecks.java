package dev.lmqharness.broker.rules;

import java.util.Objects;
import java.util.function.Function;

/**
 * Every rule a SUBSCRIBE filter passes, in one fixed order, so callers cannot get the order or
 * the quota bookkeeping wrong:
 * <ol>
 *   <li>topic rules ({@link TopicRules}, with the P2P Decision of {@link P2pAddress}), or plain MQTT
 *       filter syntax when the LMQ rules are off;</li>
 *   <li>no wildcards in the Lite edition ({@link EditionPolicy});</li>
 *   <li>the connection's R permission of {@code TokenAuthenticator} (passed in, e.g. {@code permissions::checkSubscribe});</li>
 *   <li>the client's {@link SubscriptionQuota};</li>
 *   <li>the instance's {@link WildcardQuota}; if it refuses, the {@link SubscriptionQuota} slot just
 *       taken is given back.</li>
 * </ol>
 * Quota slots are taken only when every rule passes. {@link #release} undoes both on UNSUBSCRIBE
 * (and for QoS2 subscriptions of a cleanSession=false session at disconnect, see
 * {@link QosCell#subscriptionSurvivesReconnect()}); a discarded session calls
 * {@link WildcardQuota#releaseAll}. A persistent session keeps its slots while offline, since its
 * subscriptions stay active.
 */
public final class SubscribeChecks {

    private final TopicRules topics;
    private final EditionPolicy edition;
    private final QosSessionPolicy qos;
    private final WildcardQuota wildcards;

    /**
     * @param topics    LMQ topic rules, or {@code null} in the plain MQTT profile (MQTT syntax only)
     * @param wildcards the instance's wildcard quota, or {@code null} when there is none (plain MQTT)
     */
    public SubscribeChecks(TopicRules topics, EditionPolicy edition, QosSessionPolicy qos, WildcardQuota wildcards) {
        this.topics = topics;
        this.edition = Objects.requireNonNull(edition, "edition");
        this.qos = Objects.requireNonNull(qos, "qos");
        this.wildcards = wildcards;
    }

    /**
     * Judges one filter and, if granted, takes its quota slots.
     *
     * @param quota      the client's subscription quota, or {@code null} when there is none
     * @param permission the connection's subscribe permission check
     */
    public SubscribeOutcome check(String clientId, String filter, int requestedQos,
                                  SubscriptionQuota quota, Function<String, Verdict> permission) {
        Verdict syntax = topics != null ? topics.checkSubscribe(filter, clientId)
                : TopicFilters.checkFilter(filter).map(v -> v.toVerdict(MqttCodes.SUBACK_FAILURE)).orElse(Verdict.ok());
        Verdict v = syntax
                .then(() -> edition.checkSubscribe(filter))
                .then(() -> permission.apply(filter));
        if (v.refused()) {
            return SubscribeOutcome.refused(v);
        }
        boolean alreadyHeld = quota != null && quota.holds(filter);
        if (quota != null) {
            Verdict slot = quota.trySubscribe(filter);
            if (slot.refused()) {
                return SubscribeOutcome.refused(slot);
            }
        }
        if (wildcards != null) {
            Verdict wild = wildcards.tryAcquire(clientId, filter);
            if (wild.refused()) {
                if (quota != null && !alreadyHeld) {
                    quota.unsubscribe(filter);
                }
                return SubscribeOutcome.refused(wild);
            }
        }
        return SubscribeOutcome.granted(qos.grantedQos(requestedQos));
    }

    /** UNSUBSCRIBE: frees the filter's slots. @return whether the client held the filter */
    public boolean release(String clientId, String filter, SubscriptionQuota quota) {
        boolean held = quota != null && quota.unsubscribe(filter);
        if (wildcards != null) {
            held |= wildcards.release(clientId, filter);
        }
        return held;
    }
}
