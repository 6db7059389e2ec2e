package dev.lmqharness.broker.rules;


import java.util.Objects;

/**
 * LMQ-ED-1, the feature part: the Lite edition has no wildcards, no offline messages and no rules
 * bridge. (Its QoS0/cleanSession=true part is in {@link QosSessionPolicy}.) Also says whether the
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

    public boolean wildcardsAllowed() {
        return profile != Profile.LITE;
    }

    public boolean offlineMessagesEnabled() {
        return profile != Profile.LITE;
    }

    public boolean rulesBridgeEnabled() {
        return profile != Profile.LITE;
    }

    /** Whether Client ID, Group ID, topic, quota and P2P rules apply (LMQ and Lite, not plain MQTT). */
    public boolean lmqRulesApply() {
        return profile != Profile.MQTT311;
    }
}
