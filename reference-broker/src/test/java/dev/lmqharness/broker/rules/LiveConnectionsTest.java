package dev.lmqharness.broker.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("LMQ-CID-4: a second connection with the same Client ID kicks the first")
class LiveConnectionsTest {

    private final LiveConnections<String> live = new LiveConnections<>();

    @Test
    @DisplayName("LMQ-CID-4: the newer connection proceeds and the older one is handed back to be closed")
    void collisionKicks() {
        assertThat(live.register("GID_a@@@d", "conn1")).isEmpty();
        assertThat(live.register("GID_a@@@d", "conn2")).contains("conn1");
        assertThat(live.current("GID_a@@@d")).contains("conn2");
        assertThat(live.register("GID_a@@@other", "conn3")).isEmpty();
        assertThat(live.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("LMQ-CID-4: the kicked connection closing late does not unregister its successor")
    void lateCloseOfOld() {
        live.register("c", "old");
        live.register("c", "new");
        assertThat(live.unregister("c", "old")).isFalse();
        assertThat(live.isConnected("c")).isTrue();
        assertThat(live.unregister("c", "new")).isTrue();
        assertThat(live.isConnected("c")).isFalse();
    }

    @Test
    @DisplayName("LMQ-CID-4: registering the same connection twice kicks nothing")
    void sameConnection() {
        live.register("c", "x");
        assertThat(live.register("c", "x")).isEmpty();
    }

    @Test
    @Timeout(10)
    @DisplayName("LMQ-CID-4: 50 racing connections: one stays, every other is kicked exactly once")
    void racing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<String>>> kicks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String conn = "conn" + i;
                kicks.add(pool.submit(() -> {
                    start.await();
                    return live.register("c", conn);
                }));
            }
            start.countDown();
            List<String> kicked = new ArrayList<>();
            for (Future<Optional<String>> f : kicks) {
                f.get(5, TimeUnit.SECONDS).ifPresent(kicked::add);
            }
            assertThat(kicked).hasSize(49).doesNotHaveDuplicates();
            assertThat(kicked).doesNotContain(live.current("c").orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }
}
