package dev.lmqharness.broker.rules;

import java.util.Objects;

/**
 * LMQ-ED-1: the Lite edition supports only QoS0 with cleanSession=true and has no offline
 * messages, no wildcards and no rules. Wildcard filters are refused here; the QoS0 grant and the
 * forced cleanSession=true (hence no offline messages) are the Lite cells of
 * {@link QosSessionPolicy}; the broker has no rules bridge in any edition. Also says whether the
 * LMQ naming rules apply at all: not in the plain MQTT 3.1.1 profile.
 */
public final class EditionPolicy {

    public static final String RULE = "LMQ-ED-1";

    private final Profile profile;

    public EditionPolicy(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** Lite: a filter with {@code +} or {@code #} gets SUBACK 0x80. */
    public Verdict checkSubscribe(String filter) {
        if (profile == Profile.LITE && TopicFilters.hasWildcard(filter)) {
            return Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE,
                    "the Lite edition does not support wildcard subscriptions ('" + filter + "')");
        }
        return Verdict.ok();
    }

    /** Whether Client ID, Group ID, topic, quota and P2P rules apply (LMQ and Lite, not plain MQTT). */
    public boolean lmqRulesApply() {
        return profile != Profile.MQTT311;
    }
}
