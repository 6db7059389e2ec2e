package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Globally unique message IDs")
class MessageIdGeneratorTest {

    @Rule("LMQ-MSG-3")
    @Test
    @DisplayName("IDs increase strictly and start after the store's largest ID")
    void seededAndIncreasing() {
        MessageIdGenerator gen = new MessageIdGenerator(41);
        assertThat(gen.next()).isEqualTo(42);
        assertThat(gen.next()).isEqualTo(43);
        assertThat(gen.lastIssued()).isEqualTo(43);
        assertThat(new MessageIdGenerator(0).next()).isEqualTo(1);
        assertThatThrownBy(() -> new MessageIdGenerator(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Rule("LMQ-MSG-3")
    @Test
    @DisplayName("A restarted generator seeded from the store never repeats an ID")
    void restart() {
        MessageIdGenerator first = new MessageIdGenerator(0);
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = first.next();
        }
        MessageIdGenerator second = new MessageIdGenerator(last);
        assertThat(second.next()).isGreaterThan(last);
    }

    @Rule("LMQ-MSG-3")
    @Test
    @Timeout(10)
    @DisplayName("8 threads x 10,000 IDs are all distinct")
    void concurrentUnique() throws Exception {
        MessageIdGenerator gen = new MessageIdGenerator(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> parts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                parts.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>(10_000);
                    for (int i = 0; i < 10_000; i++) {
                        ids.add(gen.next());
                    }
                    return ids;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> p : parts) {
                all.addAll(p.get(5, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(80_000);
            assertThat(gen.lastIssued()).isEqualTo(80_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Rule("LMQ-MSG-3")
    @Test
    @DisplayName("The text form is 16 hex digits, round-trips, and sorts like the number")
    void textForm() {
        assertThat(MessageIdGenerator.format(1)).isEqualTo("0000000000000001");
        assertThat(MessageIdGenerator.format(255)).isEqualTo("00000000000000ff");
        assertThat(MessageIdGenerator.format(Long.MAX_VALUE)).isEqualTo("7fffffffffffffff");
        assertThat(MessageIdGenerator.parse("00000000000000FF")).hasValue(255);
        assertThat(MessageIdGenerator.parse(MessageIdGenerator.format(123_456_789L))).hasValue(123_456_789L);
        assertThat(MessageIdGenerator.format(9).compareTo(MessageIdGenerator.format(10))).isNegative();
        assertThatThrownBy(() -> MessageIdGenerator.format(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Rule("LMQ-MSG-3")
    @DisplayName("Bad text ID parses to nothing")
    @ParameterizedTest(name = "Bad text ID [{0}] parses to nothing")
    @ValueSource(strings = {"", "1", "000000000000000g", "0000000000000000", "ffffffffffffffff", "00000000000000001", "-000000000000001"})
    void badText(String text) {
        assertThat(MessageIdGenerator.parse(text)).isEmpty();
    }
}
