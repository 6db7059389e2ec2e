package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("At most 30 subscriptions per client")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SubscriptionQuotaTest {

    private final SubscriptionQuota quota = new SubscriptionQuota(LmqLimits.defaults().maxSubscriptionsPerClient());

    private void fill(int n) {
        for (int i = 1; i <= n; i++) {
            assertThat(quota.trySubscribe("topic/t" + i).allowed()).as("subscription %d", i).isTrue();
        }
    }

    @Rule("LMQ-SUB-1")
    @Test
    @DisplayName("The 30th subscription is granted, the 31st refused with 0x80")
    void thirtyVersusThirtyOne() {
        fill(30);
        assertThat(quota.count()).isEqualTo(30);
        Verdict v = quota.trySubscribe("topic/t31");
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(SubscriptionQuota.RULE);
        assertThat(v.returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(v.reason()).contains("30");
        assertThat(quota.count()).isEqualTo(30);
        assertThat(quota.holds("topic/t31")).isFalse();
    }

    @Rule("LMQ-SUB-1")
    @Test
    @DisplayName("Re-subscribing an existing filter does not count twice, even at the cap")
    void resubscribe() {
        fill(30);
        assertThat(quota.trySubscribe("topic/t7").allowed()).isTrue();
        assertThat(quota.count()).isEqualTo(30);
        quota.unsubscribe("topic/t1");
        assertThat(quota.trySubscribe("topic/t2").allowed()).isTrue();
        assertThat(quota.count()).isEqualTo(29);
    }

    @Rule("LMQ-SUB-1")
    @Test
    @DisplayName("A wildcard filter counts as one; A/# and A/a1/# count as two")
    void wildcardsCount() {
        assertThat(quota.trySubscribe("A/#").allowed()).isTrue();
        assertThat(quota.count()).isEqualTo(1);
        assertThat(quota.trySubscribe("A/a1/#").allowed()).isTrue();
        assertThat(quota.count()).isEqualTo(2);
        assertThat(quota.filters()).containsExactly("A/#", "A/a1/#");
    }

    @Rule("LMQ-SUB-1")
    @Test
    @DisplayName("Unsubscribing frees a slot for a new filter")
    void unsubscribeFrees() {
        fill(30);
        assertThat(quota.unsubscribe("topic/t5")).isTrue();
        assertThat(quota.unsubscribe("topic/t5")).isFalse();
        assertThat(quota.trySubscribe("topic/new").allowed()).isTrue();
        assertThat(quota.trySubscribe("topic/newer").refused()).isTrue();
    }

    @Rule("LMQ-SUB-1")
    @Test
    @DisplayName("The cap is configurable; restored sessions keep their filters")
    void configurableAndRestored() {
        SubscriptionQuota small = new SubscriptionQuota(2, List.of("a/1", "a/2", "a/3"));
        assertThat(small.count()).isEqualTo(3);
        assertThat(small.trySubscribe("a/1").allowed()).isTrue();
        assertThat(small.trySubscribe("a/4").ruleId()).isEqualTo(SubscriptionQuota.RULE);
        small.clear();
        assertThat(small.count()).isZero();
        assertThat(small.max()).isEqualTo(2);
        assertThatThrownBy(() -> new SubscriptionQuota(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
