package dev.lmqharness.broker.clock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("BrokerClock for offline retention and token expiry (time under test control)")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ControllableClockTest {

    @Test
    @DisplayName("The controllable clock stands still until advanced")
    void standsStill() {
        ControllableClock clock = new ControllableClock(1_000L);
        assertThat(clock.nowMillis()).isEqualTo(1_000L);
        assertThat(clock.nowMillis()).isEqualTo(1_000L);
        assertThat(clock.now()).isEqualTo(Instant.ofEpochMilli(1_000L));
    }

    @Test
    @DisplayName("Advancing by 3 days moves now by exactly 259,200,000 ms, without waiting")
    void advancesThreeDays() {
        ControllableClock clock = new ControllableClock(Instant.parse("2024-01-01T00:00:00Z"));
        long after = clock.advance(Duration.ofDays(3));
        assertThat(after).isEqualTo(Instant.parse("2024-01-04T00:00:00Z").toEpochMilli());
        assertThat(clock.nowMillis() - Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()).isEqualTo(259_200_000L);
    }

    @Test
    @DisplayName("The clock refuses to go backwards (retention assumes monotonic time)")
    void neverBackwards() {
        ControllableClock clock = new ControllableClock(10_000L);
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> clock.setMillis(9_999L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
        assertThat(clock.nowMillis()).isEqualTo(10_000L);
        clock.setMillis(20_000L);
        assertThat(clock.nowMillis()).isEqualTo(20_000L);
    }

    @Test
    @DisplayName("Listeners hear every change, so expiry sweeps can run at once")
    void listenersHearChanges() {
        ControllableClock clock = new ControllableClock(0L);
        List<Long> seen = new ArrayList<>();
        clock.addListener(seen::add);
        clock.advance(Duration.ofSeconds(1));
        clock.setMillis(5_000L);
        clock.removeListener(seen::add); // a different lambda instance: still registered
        clock.advance(Duration.ZERO);
        assertThat(seen).containsExactly(1_000L, 5_000L, 5_000L);
    }

    @Test
    @DisplayName("The system clock follows the wall clock")
    void systemClock() {
        long before = System.currentTimeMillis();
        long now = BrokerClock.system().nowMillis();
        long after = System.currentTimeMillis();
        assertThat(now).isBetween(before, after);
    }
}
