package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("At most 100 wildcard subscriptions per parent topic, instance-wide")
class WildcardQuotaTest {

    private final WildcardQuota quota = new WildcardQuota(LmqLimits.defaults().maxWildcardSubscriptionsPerParent());

    private void fillFromDistinctClients(int n) {
        for (int i = 1; i <= n; i++) {
            assertThat(quota.tryAcquire("GID_a@@@c" + i, "A/#").allowed()).as("client %d", i).isTrue();
        }
    }

    @Rule("LMQ-SUB-2")
    @Test
    @DisplayName("The 100th wildcard subscription is granted, the 101st refused with 0x80")
    void hundredVersusHundredOne() {
        fillFromDistinctClients(100);
        assertThat(quota.count("A")).isEqualTo(100);
        Verdict v = quota.tryAcquire("GID_a@@@c101", "A/+/x");
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(WildcardQuota.RULE);
        assertThat(v.returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(quota.count("A")).isEqualTo(100);
    }

    @Rule("LMQ-SUB-2")
    @Test
    @DisplayName("The cap is per parent topic; other parents are unaffected")
    void perParent() {
        fillFromDistinctClients(100);
        assertThat(quota.tryAcquire("GID_a@@@c1", "B/#").allowed()).isTrue();
        assertThat(quota.count("B")).isEqualTo(1);
    }

    @Rule("LMQ-SUB-2")
    @Test
    @DisplayName("Filters without wildcards take no slot")
    void plainFiltersFree() {
        fillFromDistinctClients(100);
        assertThat(quota.tryAcquire("GID_a@@@x", "A/a1").allowed()).isTrue();
        assertThat(quota.count("A")).isEqualTo(100);
    }

    @Rule("LMQ-SUB-2")
    @Test
    @DisplayName("Re-subscribing keeps the same slot; one client's different filters take one each")
    void resubscribeAndSeveralFilters() {
        assertThat(quota.tryAcquire("c", "A/#").allowed()).isTrue();
        assertThat(quota.tryAcquire("c", "A/#").allowed()).isTrue();
        assertThat(quota.count("A")).isEqualTo(1);
        assertThat(quota.tryAcquire("c", "A/a2/#").allowed()).isTrue();
        assertThat(quota.count("A")).isEqualTo(2);
    }

    @Rule("LMQ-SUB-2")
    @Test
    @DisplayName("Unsubscribe releases one slot, session end releases all of the client's")
    void release() {
        fillFromDistinctClients(99);
        quota.tryAcquire("leaver", "A/x/#");
        quota.tryAcquire("leaver", "B/#");
        assertThat(quota.tryAcquire("late", "A/#").refused()).isTrue();
        assertThat(quota.release("GID_a@@@c1", "A/#")).isTrue();
        assertThat(quota.release("GID_a@@@c1", "A/#")).isFalse();
        assertThat(quota.tryAcquire("late", "A/#").allowed()).isTrue();
        assertThat(quota.releaseAll("leaver")).isEqualTo(2);
        assertThat(quota.releaseAll("leaver")).isZero();
        assertThat(quota.count("A")).isEqualTo(99);
        assertThat(quota.count("B")).isZero();
    }

    @Rule("LMQ-SUB-2")
    @Test
    @DisplayName("Parent topics are counted ignoring case, like their names")
    void caseInsensitiveParent() {
        WildcardQuota small = new WildcardQuota(1);
        assertThat(small.tryAcquire("c1", "Demo/#").allowed()).isTrue();
        assertThat(small.tryAcquire("c2", "demo/+").refused()).isTrue();
        assertThat(small.count("DEMO")).isEqualTo(1);
    }

    @Rule("LMQ-SUB-2")
    @Test
    @Timeout(10)
    @DisplayName("400 concurrent wildcard subscribers: exactly 100 granted")
    void concurrent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String client = "GID_a@@@c" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return quota.tryAcquire(client, "A/#").allowed();
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> f : results) {
                granted += f.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(100);
            assertThat(quota.count("A")).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }
}
