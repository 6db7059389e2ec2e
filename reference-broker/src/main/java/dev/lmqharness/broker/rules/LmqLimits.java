package dev.lmqharness.broker.rules;

import java.time.Duration;

/**
 * Every configurable limit of RULES.md, with the documented defaults ({@link #defaults()}).
 * An instance may be customised (the documents' "Platinum" edition), so rule classes take their
 * numbers from here, never from literals.
 *
 * <p>The constructor refuses nonsense (zero, negative, min above max) with a message naming the
 * limit, so a bad configuration stops start-up instead of misbehaving later.
 *
 * @param clientIdMaxLength              {@link ClientIdRules}: longest Client ID (64)
 * @param topicMinLength                 {@link TopicRules}: shortest full topic (3)
 * @param topicMaxLength                 {@link TopicRules}: longest full topic (64)
 * @param maxParentTopics                {@link InstanceRegistry}: parent topics per instance (25)
 * @param maxSubscriptionsPerClient      {@link SubscriptionQuota}: subscriptions held by one client (30)
 * @param maxWildcardSubscriptionsPerParent {@link WildcardQuota}: wildcard subscriptions per parent topic, instance-wide (100)
 * @param maxPayloadBytes                {@link PayloadLimit}: largest payload delivered (65,536 bytes)
 * @param maxFrameBytes                  {@link PayloadLimit} Decision: larger packets close the connection before buffering (256 KB)
 * @param offlineRetention               {@link OfflinePolicy}: how long offline messages are kept (3 days)
 * @param maxOfflineMessages             {@link OfflinePolicy}: offline messages stored per instance (1,000,000)
 * @param tokenMaxValidity               {@code TokenService}: a token never lives longer than this (30 days)
 * @param tokenMinExpireDistance         {@code TokenService} Decision: ApplyToken refuses an ExpireTime closer than this (60 s)
 * @param maxTokenResources              {@code TokenService}: resources per token (100)
 * @param clientMessagesPerSecond        LMQ-TPS-1: the per-client load profile (20 msg/s); a sizing figure, not a throttle
 */
public record LmqLimits(int clientIdMaxLength,
                        int topicMinLength,
                        int topicMaxLength,
                        int maxParentTopics,
                        int maxSubscriptionsPerClient,
                        int maxWildcardSubscriptionsPerParent,
                        int maxPayloadBytes,
                        int maxFrameBytes,
                        Duration offlineRetention,
                        long maxOfflineMessages,
                        Duration tokenMaxValidity,
                        Duration tokenMinExpireDistance,
                        int maxTokenResources,
                        int clientMessagesPerSecond) {

    public LmqLimits {
        positive("clientIdMaxLength", clientIdMaxLength);
        positive("topicMinLength", topicMinLength);
        positive("topicMaxLength", topicMaxLength);
        if (topicMinLength > topicMaxLength) {
            throw new IllegalArgumentException("limit 'topicMinLength' (" + topicMinLength
                    + ") must not exceed 'topicMaxLength' (" + topicMaxLength + ")");
        }
        positive("maxParentTopics", maxParentTopics);
        positive("maxSubscriptionsPerClient", maxSubscriptionsPerClient);
        positive("maxWildcardSubscriptionsPerParent", maxWildcardSubscriptionsPerParent);
        positive("maxPayloadBytes", maxPayloadBytes);
        positive("maxFrameBytes", maxFrameBytes);
        if (maxFrameBytes <= maxPayloadBytes) {
            // A payload at the limit plus its MQTT headers must still fit in one frame.
            throw new IllegalArgumentException("limit 'maxFrameBytes' (" + maxFrameBytes
                    + ") must exceed 'maxPayloadBytes' (" + maxPayloadBytes + ")");
        }
        positive("offlineRetention", offlineRetention);
        positive("maxOfflineMessages", maxOfflineMessages);
        positive("tokenMaxValidity", tokenMaxValidity);
        if (tokenMinExpireDistance == null || tokenMinExpireDistance.isNegative()) {
            throw new IllegalArgumentException("limit 'tokenMinExpireDistance' must be zero or positive, was "
                    + tokenMinExpireDistance);
        }
        if (tokenMinExpireDistance.compareTo(tokenMaxValidity) > 0) {
            throw new IllegalArgumentException("limit 'tokenMinExpireDistance' (" + tokenMinExpireDistance
                    + ") must not exceed 'tokenMaxValidity' (" + tokenMaxValidity + ")");
        }
        positive("maxTokenResources", maxTokenResources);
        positive("clientMessagesPerSecond", clientMessagesPerSecond);
    }

    /** The limits the product documents state for a standard instance. */
    public static LmqLimits defaults() {
        return new LmqLimits(64, 3, 64, 25, 30, 100, 65_536, 256 * 1024,
                Duration.ofDays(3), 1_000_000L,
                Duration.ofDays(30), Duration.ofSeconds(60), 100, 20);
    }

    public LmqLimits withClientIdMaxLength(int v) {
        return new LmqLimits(v, topicMinLength, topicMaxLength, maxParentTopics, maxSubscriptionsPerClient,
                maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes, offlineRetention,
                maxOfflineMessages, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withTopicLength(int min, int max) {
        return new LmqLimits(clientIdMaxLength, min, max, maxParentTopics, maxSubscriptionsPerClient,
                maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes, offlineRetention,
                maxOfflineMessages, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withMaxParentTopics(int v) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, v, maxSubscriptionsPerClient,
                maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes, offlineRetention,
                maxOfflineMessages, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withMaxSubscriptionsPerClient(int v) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics, v,
                maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes, offlineRetention,
                maxOfflineMessages, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withMaxWildcardSubscriptionsPerParent(int v) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics,
                maxSubscriptionsPerClient, v, maxPayloadBytes, maxFrameBytes, offlineRetention,
                maxOfflineMessages, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withPayloadAndFrame(int payloadBytes, int frameBytes) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics,
                maxSubscriptionsPerClient, maxWildcardSubscriptionsPerParent, payloadBytes, frameBytes,
                offlineRetention, maxOfflineMessages, tokenMaxValidity,
                tokenMinExpireDistance, maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withOfflineRetention(Duration v) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics,
                maxSubscriptionsPerClient, maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes,
                v, maxOfflineMessages, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withMaxOfflineMessages(long v) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics,
                maxSubscriptionsPerClient, maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes,
                offlineRetention, v, tokenMaxValidity, tokenMinExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withTokenValidity(Duration maxValidity, Duration minExpireDistance) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics,
                maxSubscriptionsPerClient, maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes,
                offlineRetention, maxOfflineMessages, maxValidity, minExpireDistance,
                maxTokenResources, clientMessagesPerSecond);
    }

    public LmqLimits withMaxTokenResources(int v) {
        return new LmqLimits(clientIdMaxLength, topicMinLength, topicMaxLength, maxParentTopics,
                maxSubscriptionsPerClient, maxWildcardSubscriptionsPerParent, maxPayloadBytes, maxFrameBytes,
                offlineRetention, maxOfflineMessages, tokenMaxValidity,
                tokenMinExpireDistance, v, clientMessagesPerSecond);
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("limit '" + key + "' must be positive, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("limit '" + key + "' must be a positive duration, was " + value);
        }
    }
}
