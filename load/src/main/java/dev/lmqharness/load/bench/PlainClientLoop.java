package dev.lmqharness.load.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.load.core.PayloadCodec;
import dev.lmqharness.load.core.Props;
import dev.lmqharness.load.core.WallClock;
import dev.lmqharness.load.results.ProcessProbes;
import io.reactivex.schedulers.Schedulers;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline for the generator's own cost: the steady fleet's traffic (each client publishes
 * stamped messages to its own topic at a rate and receives them back) with plain HiveMQ clients,
 * the same executor configuration and nothing else: no Gatling, no ledger, only an end-to-end
 * histogram. It measures this process's CPU over the same steady window as
 * {@code SteadyFleetSimulation}'s probe (5 s after all clients are connected until 5 s before the end).
 *
 * <pre>java -cp ... dev.lmqharness.load.bench.PlainClientLoop -Dmqtt.url=tcp://127.0.0.1:1883 -Dclients=100 -Drate=20 -Dduration=60s</pre>
 * (system properties, as the simulations; {@code -Dqos}, {@code -Dpayload.size}, {@code -Dnetty.threads}).
 */
public final class PlainClientLoop {

    private PlainClientLoop() {
    }

    public static void main(String[] args) throws Exception {
        Props p = Props.system();
        String rawUrl = p.raw("mqtt.url");
        if (rawUrl == null) {
            System.err.println("-Dmqtt.url is required: the broker must run in another process to measure this one's CPU");
            System.exit(1);
        }
        BrokerAddress url = BrokerAddress.parse(rawUrl);
        int clients = p.integer("clients", 100, 1, 100_000);
        double rate = p.decimal("rate", 20, 0.001, 10_000);
        Duration duration = p.duration("duration", Duration.ofSeconds(60));
        int qos = p.qos("qos", 1);
        int size = p.integer("payload.size", 256, PayloadCodec.HEADER_BYTES, 1 << 20);
        int nettyThreads = p.integer("netty.threads", 2, 1, 64);
        if (duration.compareTo(Duration.ofSeconds(20)) < 0) {
            throw new IllegalArgumentException("-Dduration must be at least 20s (the CPU window leaves 5 s at each end)");
        }

        MqttClientExecutorConfig executor = MqttClientExecutorConfig.builder()
                .nettyThreads(nettyThreads).applicationScheduler(Schedulers.trampoline()).build();
        Recorder e2e = new Recorder(TimeUnit.HOURS.toMicros(1), 3);
        AtomicLong sent = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong received = new AtomicLong();
        List<Mqtt3AsyncClient> all = new ArrayList<>();
        List<CompletableFuture<?>> ready = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3()
                    .identifier("GID_lmqload@@@plain-" + i)
                    .serverHost(url.host()).serverPort(url.port())
                    .executorConfig(executor)
                    .buildAsync();
            c.publishes(MqttGlobalPublishFilter.ALL, pub -> {
                long now = WallClock.nowMicros();
                PayloadCodec.decode(pub.getPayload().orElse(null)).ifPresent(s -> e2e.recordValue(Math.max(0, now - s.sentMicros())));
                received.incrementAndGet();
            });
            String topic = "lmqload/plain/" + i;
            ready.add(c.connectWith().cleanSession(true).keepAlive(60).send()
                    .thenCompose(ack -> c.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send()));
            all.add(c);
        }
        CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = Math.round(1e9 / rate);
        for (int i = 0; i < clients; i++) {
            Mqtt3AsyncClient c = all.get(i);
            String topic = "lmqload/plain/" + i;
            long publisher = i + 1L;
            AtomicLong seq = new AtomicLong();
            ticker.scheduleAtFixedRate(() -> {
                byte[] payload = PayloadCodec.encode(publisher, seq.getAndIncrement(), WallClock.nowMicros(), qos, size);
                sent.incrementAndGet();
                c.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send()
                        .whenComplete((ack, err) -> {
                            if (err == null) {
                                acked.incrementAndGet();
                            }
                        });
            }, (periodNanos * i) / clients, periodNanos, TimeUnit.NANOSECONDS);
        }

        Thread.sleep(5_000); // leave the start out of the CPU window, as the simulation's probe does
        double cpu0 = ProcessProbes.processCpuSeconds();
        long t0 = System.nanoTime();
        e2e.reset();
        Thread.sleep(duration.toMillis() - 10_000);
        double cpu = ProcessProbes.processCpuSeconds() - cpu0;
        double wall = (System.nanoTime() - t0) / 1e9;
        Histogram h = e2e.getIntervalHistogram();
        Thread.sleep(5_000);
        ticker.shutdownNow();
        for (Mqtt3AsyncClient c : all) {
            c.disconnect().exceptionally(e -> null);
        }
        double percent = 100 * cpu / wall;
        System.out.printf("plain-client-loop: %d clients x %.1f msg/s, QoS %d, %d bytes, %d netty threads%n", clients, rate, qos, size, nettyThreads);
        System.out.printf("plain-client-loop: sent %d, acknowledged %d, received %d%n", sent.get(), acked.get(), received.get());
        System.out.printf("plain-client-loop: steady cpu %.1f %% of a core, %.4f %% per client; e2e p50 %.2f ms, p99 %.2f ms (%d samples)%n",
                percent, percent / clients, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getTotalCount());
        System.exit(0);
    }
}
