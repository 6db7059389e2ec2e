package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.BrokerConfigValidator;
import dev.lmqharness.broker.config.ConfigException;
import dev.lmqharness.broker.config.ConfigLoader;
import dev.lmqharness.broker.config.LimitsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("limits: configuration and validation")
class LimitsConfigTest {

    private static BrokerConfig load(String yaml) {
        return BrokerConfigValidator.validate(ConfigLoader.parse(yaml, BrokerConfig.defaults()));
    }

    @Test
    @DisplayName("Every key is read; absent keys keep the defaults")
    void keysAreRead() {
        LimitsConfig l = load("""
                limits:
                  max-pending-connects: 7
                  inflight-bytes: 4096
                  clean-queue-messages: 9
                  clean-queue-bytes: 2048
                  total-clean-queue-bytes: 8192
                  clean-queue-overflow: drop-oldest
                  outbound-low-water-bytes: 1000
                  outbound-high-water-bytes: 2000
                """).limits();
        assertThat(l).isEqualTo(new LimitsConfig(7, 4096, 9, 2048, 8192, OverflowPolicy.DROP_OLDEST, 1000, 2000));
        assertThat(load("limits: {max-pending-connects: 5}\n").limits())
                .isEqualTo(LimitsConfig.defaults().withMaxPendingConnects(5));
        assertThat(BrokerConfig.defaults().limits().cleanQueueOverflow()).isEqualTo(OverflowPolicy.DISCONNECT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limits: {max-pending-connects: 0}|limits.max-pending-connects",
            "limits: {inflight-bytes: 10}|limits.inflight-bytes",
            "limits: {clean-queue-messages: 0}|limits.clean-queue-messages",
            "limits: {clean-queue-bytes: -1}|limits.clean-queue-bytes",
            "limits: {clean-queue-bytes: 4096, total-clean-queue-bytes: 2048}|limits.total-clean-queue-bytes",
            "limits: {outbound-high-water-bytes: 10}|limits.outbound-high-water-bytes",
            "limits: {outbound-low-water-bytes: 70000}|limits.outbound-low-water-bytes",
            "limits: {clean-queue-overflow: block}|limits.clean-queue-overflow",
            "limits: {clean-queue-bytes: lots}|limits.clean-queue-bytes",
            "lmq: {status-reader-groups: ['']}|lmq.status-reader-groups[0]"})
    @DisplayName("A bad value stops start with a message naming the key")
    void badValuesNameTheirKey(String yaml, String key) {
        assertThatThrownBy(() -> load(yaml + "\n")).isInstanceOf(ConfigException.class).hasMessageStartingWith(key);
    }
}
