package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.rules.MqttCodes;
import dev.lmqharness.broker.rules.StatusReaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("StatusReaders: who may read the status events")
class StatusReadersTest {

    private final StatusReaders readers = new StatusReaders(List.of("GID_mon"), List.of("AK_mon"));
    private static final String T = "$SYS/lmq/client-status";

    @Test
    void configuredGroupAccessKeyOrTokenMayRead() {
        assertThat(readers.check("GID_mon@@@a", null, T, f -> false).refused()).isFalse();
        assertThat(readers.check("GID_dev@@@a", "AK_mon", T, f -> false).refused()).isFalse();
        assertThat(readers.check("GID_dev@@@a", "AK_dev", T, T::equals).refused()).isFalse();
    }

    @Test
    void anyoneElseGets0x80() {
        assertThat(readers.check("GID_dev@@@a", "AK_dev", T, f -> false).returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(readers.check("GID_mon", null, T, f -> false).refused()).as("no @@@: no group").isTrue();
        assertThat(readers.check("GID_monitor@@@a", null, T, f -> false).refused()).as("exact group only").isTrue();
    }
}
