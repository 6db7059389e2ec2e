package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 under QoS 1 traffic to a persistent session: every message the broker acknowledged
 * (PUBACK) must reach the subscriber after a restart on the same data directory. Duplicates are
 * allowed (QoS 1), losses are not.
 */
@Timeout(120)
@DisplayName("Durable by default: kill -9 under QoS 1 traffic loses no acknowledged message")
class KillDurabilityTest {

    static final String TOPIC = "durable/t";
    static final int ACKED_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    /** Publishes QoS 1 messages m0, m1, ... with a bounded number outstanding until stopped or disconnected. */
    private static final class Publisher implements Runnable {
        final TestClient client;
        final Set<String> acked = new ConcurrentSkipListSet<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final Semaphore window = new Semaphore(32);

        Publisher(TestClient client) {
            this.client = client;
        }

        @Override
        public void run() {
            try {
                while (!stop.get() && client.isConnected()) {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    String payload = "m" + sent.getAndIncrement();
                    client.publishAsync(TOPIC, payload.getBytes(StandardCharsets.UTF_8), 1, false)
                            .whenComplete((ok, error) -> {
                                if (error == null) {
                                    acked.add(payload);
                                }
                                window.release();
                            });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("kill -9 mid-traffic, restart on the same data: every PUBACKed message reaches an offline and an online persistent subscriber")
    void killUnderQos1Traffic(ClientKind kind) throws Exception {
        Set<String> acked;
        int sent;
        Set<String> onlineReceived = new HashSet<>();
        try (BrokerProcess first = BrokerProcess.start(dataDir)) {
            Endpoint endpoint = Endpoint.tcp(first.tcpPort());
            try (TestClient offline = kind.create(endpoint, "offline-sub")) {
                offline.connect(false);
                offline.subscribe(TOPIC, 1);
                offline.disconnect(); // its messages are queued on disk only
            }
            try (TestClient online = kind.create(endpoint, "online-sub"); // messages in flight to it at the kill
                 TestClient pubClient = kind.create(endpoint, "durable-pub")) {
                online.connect(false);
                online.subscribe(TOPIC, 1);
                pubClient.connect(true);
                Publisher pub = new Publisher(pubClient);
                Thread t = new Thread(pub, "durable-publisher");
                t.start();
                await("acknowledged messages").atMost(Duration.ofSeconds(30))
                        .until(() -> pub.acked.size() >= ACKED_BEFORE_KILL);
                first.kill(); // mid-traffic: the publisher is still sending
                pub.stop.set(true);
                t.join(10_000);
                acked = new HashSet<>(pub.acked);
                sent = pub.sent.get();
                online.inbox().drain().forEach(r -> onlineReceived.add(r.text()));
            }
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
        assertThat(sent).as("the kill hit traffic in flight (sent but not acknowledged)").isGreaterThan(acked.size());

        try (BrokerProcess second = BrokerProcess.start(dataDir);
             TestClient offline = kind.create(Endpoint.tcp(second.tcpPort()), "offline-sub");
             TestClient online = kind.create(Endpoint.tcp(second.tcpPort()), "online-sub")) {
            assertThat(offline.connect(false)).as("the offline subscriber's session survived the kill").isTrue();
            assertThat(online.connect(false)).as("the online subscriber's session survived the kill").isTrue();
            Set<String> offlineReceived = new HashSet<>();
            String what = " (" + acked.size() + " acknowledged of " + sent + " sent)";
            await("every acknowledged message at the offline subscriber" + what)
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        offline.inbox().drain().forEach(r -> offlineReceived.add(r.text()));
                        return offlineReceived.containsAll(acked);
                    });
            await("every acknowledged message at the online subscriber, before or after the kill" + what)
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        online.inbox().drain().forEach(r -> onlineReceived.add(r.text()));
                        return onlineReceived.containsAll(acked);
                    });
        }
    }
}
