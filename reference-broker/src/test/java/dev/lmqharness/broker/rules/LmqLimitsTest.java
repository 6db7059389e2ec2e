package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("LmqLimits: the documented defaults of every configurable limit")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LmqLimitsTest {

    private final LmqLimits d = LmqLimits.defaults();

    @Test
    @DisplayName("Client ID max 64")
    void clientId() {
        assertThat(d.clientIdMaxLength()).isEqualTo(64);
    }

    @Test
    @DisplayName("Full topic 3..64")
    void topicLength() {
        assertThat(d.topicMinLength()).isEqualTo(3);
        assertThat(d.topicMaxLength()).isEqualTo(64);
    }

    @Test
    @DisplayName("25 parent topics")
    void parents() {
        assertThat(d.maxParentTopics()).isEqualTo(25);
    }

    @Test
    @DisplayName("30 subscriptions per client, 100 wildcard subscriptions per parent")
    void subscriptions() {
        assertThat(d.maxSubscriptionsPerClient()).isEqualTo(30);
        assertThat(d.maxWildcardSubscriptionsPerParent()).isEqualTo(100);
    }

    @Test
    @DisplayName("Payload 65,536 bytes, frame cap 256 KB")
    void payload() {
        assertThat(d.maxPayloadBytes()).isEqualTo(65_536);
        assertThat(d.maxFrameBytes()).isEqualTo(262_144);
    }

    @Test
    @DisplayName("3 days retention, 1,000,000 cap")
    void offline() {
        assertThat(d.offlineRetention()).isEqualTo(Duration.ofDays(3));
        assertThat(d.maxOfflineMessages()).isEqualTo(1_000_000L);
    }

    @Test
    @DisplayName("30 days validity, 60 s minimum distance, 100 resources")
    void tokens() {
        assertThat(d.tokenMaxValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(d.tokenMinExpireDistance()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.maxTokenResources()).isEqualTo(100);
    }

    @Rule("LMQ-TPS-1")
    @Test
    @DisplayName("20 messages/s per client is the load profile")
    void tps() {
        assertThat(d.clientMessagesPerSecond()).isEqualTo(20);
    }

    @Test
    @DisplayName("Withers change one limit and keep the others")
    void withers() {
        LmqLimits small = d.withMaxSubscriptionsPerClient(3).withMaxOfflineMessages(5).withTopicLength(2, 128);
        assertThat(small.maxSubscriptionsPerClient()).isEqualTo(3);
        assertThat(small.maxOfflineMessages()).isEqualTo(5);
        assertThat(small.topicMaxLength()).isEqualTo(128);
        assertThat(small.maxParentTopics()).isEqualTo(25);
        assertThat(small.maxPayloadBytes()).isEqualTo(65_536);
    }

    @Test
    @DisplayName("A nonsense limit stops start-up with a message naming the limit")
    void refusesNonsense() {
        assertThatThrownBy(() -> d.withMaxSubscriptionsPerClient(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSubscriptionsPerClient");
        assertThatThrownBy(() -> d.withTopicLength(10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicMinLength");
        assertThatThrownBy(() -> d.withPayloadAndFrame(65_536, 65_536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> d.withOfflineRetention(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offlineRetention");
        assertThatThrownBy(() -> d.withTokenValidity(Duration.ofSeconds(30), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenMinExpireDistance");
    }
}
