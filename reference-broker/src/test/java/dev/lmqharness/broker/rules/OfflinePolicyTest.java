package dev.lmqharness.broker.rules;

import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Offline messages")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OfflinePolicyTest {

    private static final long START = 1_700_000_000_000L;

    private final ControllableClock clock = new ControllableClock(START);
    private final OfflinePolicy policy =
            new OfflinePolicy(LmqLimits.defaults(), clock, new QosSessionPolicy(Profile.LMQ));

    @Rule("LMQ-OFF-1")
    @Test
    @DisplayName("Offline messages are kept only for QoS1 + cleanSession=false")
    void onlyQos1Persistent() {
        assertThat(policy.keepsOffline(1, false)).isTrue();
        assertThat(policy.keepsOffline(1, true)).isFalse();
        assertThat(policy.keepsOffline(0, false)).isFalse();
        assertThat(policy.keepsOffline(2, false)).isFalse();
        assertThat(policy.keepsOffline(0, true)).isFalse();
        assertThat(policy.keepsOffline(2, true)).isFalse();
    }

    @Rule("LMQ-OFF-1")
    @Test
    @DisplayName("A message is kept until 1 ms before 3 days and expired at exactly 3 days")
    void threeDayBoundary() {
        long accepted = clock.nowMillis();
        clock.advance(Duration.ofDays(3).minusMillis(1));
        // the store keeps what was accepted at or after expireBefore: this one, for its last millisecond
        assertThat(accepted).isEqualTo(policy.expireBeforeMillis());

        clock.advance(Duration.ofMillis(1));
        assertThat(accepted).isLessThan(policy.expireBeforeMillis());
    }

    @Rule("LMQ-OFF-1")
    @Test
    @DisplayName("A message accepted later than another outlives it")
    void laterMessageLivesLonger() {
        long first = clock.nowMillis();
        clock.advance(Duration.ofDays(1));
        long second = clock.nowMillis();
        clock.advance(Duration.ofDays(2));
        assertThat(first).isLessThan(policy.expireBeforeMillis());
        assertThat(second).isGreaterThanOrEqualTo(policy.expireBeforeMillis());
    }

    @Rule("LMQ-OFF-1")
    @Test
    @DisplayName("The retention is configurable")
    void configurableRetention() {
        OfflinePolicy hour = new OfflinePolicy(LmqLimits.defaults().withOfflineRetention(Duration.ofHours(1)),
                clock, new QosSessionPolicy(Profile.LMQ));
        long accepted = clock.nowMillis();
        clock.advance(Duration.ofMinutes(59));
        assertThat(accepted).isGreaterThanOrEqualTo(hour.expireBeforeMillis());
        clock.advance(Duration.ofMinutes(1));
        assertThat(accepted).isLessThan(hour.expireBeforeMillis());
    }

    @Rule("LMQ-OFF-3")
    @Test
    @DisplayName("At the cap nothing is evicted; beyond it, the excess oldest are")
    void cap() {
        assertThat(policy.evictionCount(999_999)).isZero();
        assertThat(policy.evictionCount(1_000_000)).isZero();
        assertThat(policy.evictionCount(1_000_001)).isEqualTo(1);
        assertThat(policy.evictionCount(1_000_250)).isEqualTo(250);
    }

    @Rule("LMQ-OFF-3")
    @Test
    @DisplayName("A small configured cap (as the suite uses against the bundled broker)")
    void smallCap() {
        OfflinePolicy small = new OfflinePolicy(LmqLimits.defaults().withMaxOfflineMessages(5), clock,
                new QosSessionPolicy(Profile.LMQ));
        assertThat(small.evictionCount(5)).isZero();
        assertThat(small.evictionCount(7)).isEqualTo(2);
    }

    @Rule({"LMQ-OFF-1", "LMQ-OFF-3"})
    @Test
    @DisplayName("A P2P message waits for an offline QoS1 + cleanSession=false target only")
    void p2p() {
        assertThat(policy.keepsOfflineP2p(1, false)).isTrue();
        assertThat(policy.keepsOfflineP2p(1, true)).isFalse();
        assertThat(policy.keepsOfflineP2p(0, false)).isFalse();
        assertThat(policy.keepsOfflineP2p(2, false)).isFalse();
    }

    @Rule("LMQ-OFF-1")
    @Test
    @DisplayName("The Lite edition keeps nothing offline")
    void liteKeepsNothing() {
        OfflinePolicy lite = new OfflinePolicy(LmqLimits.defaults(), clock, new QosSessionPolicy(Profile.LITE));
        assertThat(lite.keepsOffline(1, false)).isFalse();
        assertThat(lite.keepsOfflineP2p(1, false)).isFalse();
    }
}
