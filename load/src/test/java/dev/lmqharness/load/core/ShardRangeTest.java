package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRangeTest {

    @Test
    void shardsGetDisjointContiguousRanges() {
        ShardRange s0 = new ShardRange(0, 3, 1000);
        ShardRange s1 = new ShardRange(1, 3, 1000);
        ShardRange s2 = new ShardRange(2, 3, 1000);
        assertThat(s0.clientNumber(0)).isZero();
        assertThat(s0.clientNumber(999)).isEqualTo(999);
        assertThat(s1.clientNumber(0)).isEqualTo(1000);
        assertThat(s2.clientNumber(999)).isEqualTo(2999);
        for (long n = 0; n < 3000; n++) {
            int owners = (s0.contains(n) ? 1 : 0) + (s1.contains(n) ? 1 : 0) + (s2.contains(n) ? 1 : 0);
            assertThat(owners).as("client %d", n).isEqualTo(1);
        }
    }

    @Test
    void leavingTheRangeIsRefusedRatherThanColliding() {
        ShardRange s = new ShardRange(0, 2, 10);
        assertThatThrownBy(() -> s.clientNumber(10)).hasMessageContaining("shard.size");
        assertThatThrownBy(() -> s.clientNumber(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badShardArgumentsNameTheProperty() {
        assertThatThrownBy(() -> new ShardRange(2, 2, 10)).hasMessageContaining("shard must be in 0..1");
        assertThatThrownBy(() -> new ShardRange(0, 0, 10)).hasMessageContaining("shards");
        assertThatThrownBy(() -> new ShardRange(0, 1, 0)).hasMessageContaining("shard.size");
        assertThatThrownBy(() -> new ShardRange(0, 4, Long.MAX_VALUE / 2)).hasMessageContaining("overflows");
    }
}
