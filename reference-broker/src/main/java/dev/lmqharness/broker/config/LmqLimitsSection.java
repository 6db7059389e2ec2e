package dev.lmqharness.broker.config;

import dev.lmqharness.broker.rules.LmqLimits;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code lmq.limits:} every configurable limit of the rulebook; see {@link LmqLimits} for their
 * meaning and defaults. Durations are ISO-8601 ({@code P3D}, {@code PT10S}, {@code P30D}); a
 * plain number is refused, because "seconds or milliseconds?" is exactly the mistake to avoid.
 * Checked here, key by key, so the {@link LmqLimits} constructor never has to refuse them.
 */
final class LmqLimitsSection {

    public Integer clientIdMaxLength;
    public Integer topicMinLength;
    public Integer topicMaxLength;
    public Integer maxParentTopics;
    public Integer maxSubscriptionsPerClient;
    public Integer maxWildcardSubscriptionsPerParent;
    public Integer maxPayloadBytes;
    public Integer maxFrameBytes;
    public String offlineRetention;
    public Long maxOfflineMessages;
    public String tokenMaxValidity;
    public String tokenMinExpireDistance;
    public Integer maxTokenResources;
    public Integer clientMessagesPerSecond;

    LmqLimits applyTo(LmqLimits b, String key) {
        int cid = positive(key, "client-id-max-length", clientIdMaxLength, b.clientIdMaxLength(), 65_535);
        int tmin = positive(key, "topic-min-length", topicMinLength, b.topicMinLength(), 65_535);
        int tmax = positive(key, "topic-max-length", topicMaxLength, b.topicMaxLength(), 65_535);
        int parents = positive(key, "max-parent-topics", maxParentTopics, b.maxParentTopics(), Integer.MAX_VALUE);
        int subs = positive(key, "max-subscriptions-per-client", maxSubscriptionsPerClient,
                b.maxSubscriptionsPerClient(), Integer.MAX_VALUE);
        int wild = positive(key, "max-wildcard-subscriptions-per-parent", maxWildcardSubscriptionsPerParent,
                b.maxWildcardSubscriptionsPerParent(), Integer.MAX_VALUE);
        int payload = positive(key, "max-payload-bytes", maxPayloadBytes, b.maxPayloadBytes(),
                BrokerConfigValidator.MQTT_MAX_PACKET);
        int frame = positive(key, "max-frame-bytes", maxFrameBytes, b.maxFrameBytes(),
                BrokerConfigValidator.MQTT_MAX_PACKET);
        Duration retention = duration(key, "offline-retention", offlineRetention, b.offlineRetention(), false);
        long offline = maxOfflineMessages == null ? b.maxOfflineMessages() : maxOfflineMessages;
        if (offline <= 0) {
            throw new ConfigException(key + ".max-offline-messages", "must be positive, was " + offline);
        }
        Duration validity = duration(key, "token-max-validity", tokenMaxValidity, b.tokenMaxValidity(), false);
        Duration distance = duration(key, "token-min-expire-distance", tokenMinExpireDistance,
                b.tokenMinExpireDistance(), true);
        int resources = positive(key, "max-token-resources", maxTokenResources, b.maxTokenResources(), Integer.MAX_VALUE);
        int tps = positive(key, "client-messages-per-second", clientMessagesPerSecond,
                b.clientMessagesPerSecond(), Integer.MAX_VALUE);

        if (tmin > tmax) {
            throw new ConfigException(key + ".topic-min-length",
                    "must not exceed " + key + ".topic-max-length (" + tmax + "), was " + tmin);
        }
        if (frame <= payload) {
            // a payload at the limit plus its MQTT header must still fit in one frame
            throw new ConfigException(key + ".max-frame-bytes",
                    "must exceed " + key + ".max-payload-bytes (" + payload + "), was " + frame);
        }
        if (distance.compareTo(validity) > 0) {
            throw new ConfigException(key + ".token-min-expire-distance",
                    "must not exceed " + key + ".token-max-validity (" + validity + "), was " + distance);
        }
        try {
            return new LmqLimits(cid, tmin, tmax, parents, subs, wild, payload, frame, retention, offline,
                    validity, distance, resources, tps);
        } catch (IllegalArgumentException e) {
            // the checks above mirror the constructor's; this only fires if the two drift apart
            throw new ConfigException(key, e.getMessage(), e);
        }
    }

    private static int positive(String section, String name, Integer value, int base, int max) {
        return value == null ? base : ConfigChecks.between(section + "." + name, value, 1, max);
    }

    private static Duration duration(String section, String name, String value, Duration base, boolean zeroAllowed) {
        if (value == null) {
            return base;
        }
        String key = section + "." + name;
        Duration d;
        try {
            d = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "expected an ISO-8601 duration such as P3D, PT10S or PT1H30M, was '"
                    + value + "'" + (value.trim().matches("\\d+") ? " (write PT" + value.trim() + "S for seconds)" : ""));
        }
        if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
            throw new ConfigException(key, "must be " + (zeroAllowed ? "zero or positive" : "positive") + ", was " + value);
        }
        return d;
    }
}
