package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Payload at most 65,536 bytes; larger ones acknowledged, discarded, counted")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PayloadLimitTest {

    private final PayloadLimit limit = new PayloadLimit(LmqLimits.defaults());

    @Rule("LMQ-MSG-1")
    @Test
    @DisplayName("65,536 bytes are delivered")
    void atLimit() {
        assertThat(limit.check(65_536).delivers()).isTrue();
        assertThat(limit.check(0).delivers()).isTrue();
        assertThat(limit.discardedCount()).isZero();
    }

    @Rule("LMQ-MSG-1")
    @Test
    @DisplayName("65,537 bytes are acknowledged and discarded, the connection stays open, the discard is counted")
    void overLimit() {
        PublishVerdict v = limit.check(65_537);
        assertThat(v.action()).isEqualTo(PublishVerdict.Action.ACK_AND_DISCARD);
        assertThat(v.closesConnection()).isFalse();
        assertThat(v.delivers()).isFalse();
        assertThat(v.ruleId()).isEqualTo(PayloadLimit.RULE);
        assertThat(v.reason()).contains("65537").contains("65536");
        assertThat(limit.discardedCount()).isEqualTo(1);
        limit.check(100_000);
        assertThat(limit.discardedCount()).isEqualTo(2);
    }

    @Rule("LMQ-MSG-1")
    @Test
    @DisplayName("The limit is configurable")
    void configurable() {
        PayloadLimit big = new PayloadLimit(LmqLimits.defaults().withPayloadAndFrame(1_000_000, 2_000_000));
        assertThat(big.check(1_000_000).delivers()).isTrue();
        assertThat(big.check(1_000_001).delivers()).isFalse();
        assertThat(big.maxPayloadBytes()).isEqualTo(1_000_000);
    }
}
