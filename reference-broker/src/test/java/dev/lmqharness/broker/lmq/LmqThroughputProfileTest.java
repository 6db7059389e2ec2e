package dev.lmqharness.broker.lmq;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LMQ-TPS-1 is a load profile (20 msg/s per client), not a throttle; there is no limit to
 * enforce, so the broker-side test is the opposite: a client sending at that rate, and then far
 * above it, is neither slowed into losing messages nor disconnected. Sizing the instance
 * (50,000 TPS) is the load module's job, not a unit-speed test's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqThroughputProfileTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TPS-1: 20 msg/s for 2 s, then a burst of 200, from one client: all delivered in order, no throttle, no disconnect")
    void noPerClientThrottle(ClientKind kind) throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (TestMqttClient sub = broker.connected(kind); TestMqttClient pub = broker.connected(kind)) {
            String topic = LmqTestBroker.newTopic();
            assertThat(sub.subscribe(topic, 1)).isEqualTo(1);

            List<CompletableFuture<Void>> flows = new ArrayList<>();
            AtomicInteger n = new AtomicInteger();
            CompletableFuture<Void> pacedDone = new CompletableFuture<>();
            ScheduledFuture<?> paced = pacer.scheduleAtFixedRate(() -> {
                int i = n.incrementAndGet();
                if (i > 40) {
                    pacedDone.complete(null);
                    return;
                }
                synchronized (flows) {
                    flows.add(pub.publishAsync(topic, ("m" + i).getBytes(), 1));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            pacedDone.get(10, TimeUnit.SECONDS);
            paced.cancel(false);
            long burstStart = System.nanoTime();
            for (int i = 41; i <= 240; i++) {
                flows.add(pub.publishAsync(topic, ("m" + i).getBytes(), 1));
            }
            synchronized (flows) {
                CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            }
            sub.inbox().await(topic, 240);
            double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
            assertThat(sub.inbox().texts(topic))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 240).mapToObj(i -> "m" + i).toList());
            assertThat(200 / burstSeconds).as("burst rate in msg/s, well above the 20 msg/s profile").isGreaterThan(20);
            assertThat(pub.isConnected()).isTrue();
            assertThat(sub.isConnected()).isTrue();
        } finally {
            pacer.shutdownNow();
        }
    }
}
