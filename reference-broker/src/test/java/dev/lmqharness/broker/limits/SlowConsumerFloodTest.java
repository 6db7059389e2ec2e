package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.cli.BrokerMain;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.wire.RawBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One clean-session QoS 1 subscriber stops reading its socket while a publisher floods 1 KB
 * messages: the broker, in a child JVM with a 256 MB heap, must keep its memory bounded and go on
 * serving everyone else. A third client does fresh connect/subscribe/publish/receive roundtrips
 * the whole time; every one of them must succeed.
 */
@Timeout(120)
@DisplayName("A slow consumer does not take the broker down")
class SlowConsumerFloodTest {

    static final Duration FLOOD = Duration.ofSeconds(25);
    static final int PAYLOAD = 1024;
    /** Live heap (after a full GC) at every sample, of a 256 MB maximum. */
    static final long MAX_LIVE_HEAP_BYTES = 96L * 1024 * 1024;
    static final long MAX_RSS_BYTES = 700L * 1024 * 1024;

    private static final Pattern TCP = Pattern.compile("tcp=127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ADMIN = Pattern.compile("admin=127\\.0\\.0\\.1:(\\d+)");
    private static final String ADMIN_TOKEN = "flood-test-admin-token-" + Long.toHexString(System.nanoTime());
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private Process broker;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("Non-reading clean-session QoS 1 subscriber + 1 KB flood: no OOM, every roundtrip served, heap and RSS bounded")
    void slowConsumerDoesNotTakeTheBrokerDown() throws Exception {
        int[] ports = startBroker();
        int tcp = ports[0];
        BrokerAddress address = BrokerAddress.loopback(Scheme.TCP, tcp);

        Socket slow = nonReadingSubscriber(tcp, "GID_flood@@@slow", "flood/data");
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        AtomicInteger roundtrips = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakUsed = new AtomicLong();
        AtomicLong peakRss = new AtomicLong();

        List<String> publisherFailures = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            try (AppClient pub = KitClients.app(ClientKind.HIVEMQ, address, "GID_flood@@@pub")) {
                KitClients.connect(pub, true);
                byte[] payload = new byte[PAYLOAD];
                while (flooding.get()) {
                    pub.publish("flood/data", payload, 1, false);
                    published.incrementAndGet();
                }
            } catch (RuntimeException | AssertionError e) {
                publisherFailures.add(e.toString()); // reported with the figures below
            }
        });
        long end = System.nanoTime() + FLOOD.toNanos();
        long nextSample = 0;
        int n = 0;
        while (System.nanoTime() < end) {
            roundtrip(address, n++, roundtrips, failures);
            if (System.nanoTime() > nextSample) {
                peakUsed.accumulateAndGet(heapUsed(false), Math::max);
                peakHeap.accumulateAndGet(heapUsed(true), Math::max);
                peakRss.accumulateAndGet(rss(), Math::max);
                nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            }
        }
        flooding.set(false);
        publisher.get(30, TimeUnit.SECONDS);
        peakUsed.accumulateAndGet(heapUsed(false), Math::max);
        long heapAfter = heapUsed(true);
        long rssAfter = rss();
        peakHeap.accumulateAndGet(heapAfter, Math::max);
        peakRss.accumulateAndGet(rssAfter, Math::max);
        String metrics = metrics(ports[1]);
        long ooms = output.stream().filter(l -> l.contains("OutOfMemoryError")).count();
        System.out.printf("flood: %d x %d B published in %d s; roundtrips %d served, %d failed; "
                        + "heap used peak %d MB; live heap peak %d MB, after %d MB; RSS peak %d MB, after %d MB; OutOfMemoryError lines %d; publisher %s%n",
                published.get(), PAYLOAD, FLOOD.toSeconds(), roundtrips.get(), failures.size(),
                peakUsed.get() >> 20, peakHeap.get() >> 20, heapAfter >> 20, peakRss.get() >> 20, rssAfter >> 20, ooms, publisherFailures.isEmpty() ? "ok" : publisherFailures);
        failures.stream().limit(5).forEach(f -> System.out.println("  failed roundtrip " + f));
        metrics.lines().filter(l -> l.startsWith("lmq_limits")).forEach(l -> System.out.println("  " + l));
        slow.close();

        assertThat(ooms).as("OutOfMemoryError in the broker's output:\n%s", tail()).isZero();
        assertThat(failures).as("failed roundtrips of a third client").isEmpty();
        assertThat(publisherFailures).as("the flooding publisher is served too").isEmpty();
        assertThat(roundtrips.get()).as("roundtrips served").isGreaterThan(10);
        assertThat(peakHeap.get()).as("live heap (bytes)").isLessThan(MAX_LIVE_HEAP_BYTES);
        assertThat(peakRss.get()).as("VmRSS (bytes)").isLessThan(MAX_RSS_BYTES);
        assertThat(metrics).as("the slow client is counted")
                .containsPattern("lmq_limits_slow_client_disconnects_total [1-9]");
    }

    /** Fresh connect, subscribe, publish, receive, disconnect; a failure is recorded, not thrown. */
    private static void roundtrip(BrokerAddress address, int n, AtomicInteger ok, List<String> failures) {
        String topic = "flood/probe/" + n;
        try (AppClient c = KitClients.app(ClientKind.PAHO, address, "GID_flood@@@probe" + n)) {
            if (!c.connect(new AppConnectOptions(true, 30, UserPass.NONE, null)).accepted()) {
                failures.add(n + ": CONNECT refused");
                return;
            }
            c.subscribe(topic, 1);
            c.publish(topic, ("probe " + n).getBytes(StandardCharsets.UTF_8), 1, false);
            AppMessage m = c.nextMessage(Duration.ofSeconds(5));
            if (m == null) {
                failures.add(n + ": no message within 5 s");
                return;
            }
            c.disconnect();
            ok.incrementAndGet();
        } catch (RuntimeException | AssertionError e) {
            failures.add(n + ": " + e);
        }
    }

    /** CONNECT (cleanSession=1, no keep-alive) and SUBSCRIBE QoS 1, then never read again. */
    private static Socket nonReadingSubscriber(int port, String clientId, String filter) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(RawBytes.connect(RawBytes.CLEAN_SESSION, 0, UserPass.NONE, RawBytes.str(clientId)));
        out.write(RawBytes.packet(0x82, RawBytes.u16(1), RawBytes.str(filter), RawBytes.u8(1)));
        out.flush();
        s.setSoTimeout(5_000);
        byte[] acks = s.getInputStream().readNBytes(4 + 5); // CONNACK, SUBACK
        assertThat(acks).startsWith(0x20, 0x02, 0x00, 0x00).endsWith(0x90, 0x03, 0x00, 0x01, 0x01);
        return s;
    }

    private int[] startBroker() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("flood-broker");
        Path yaml = dir.resolve("broker.yaml");
        Files.writeString(yaml, """
                profile: lmq
                listeners: {tcp: {enabled: true, host: 127.0.0.1, port: 0}}
                store: {type: memory, path: %s}
                lmq:
                  instance-id: flood
                  groups: [GID_flood]
                  parent-topics: [flood]
                  allow-anonymous: true
                admin: {enabled: true, host: 127.0.0.1, port: 0, token: %s}
                """.formatted(dir.resolve("data"), ADMIN_TOKEN));
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        broker = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), "--config", yaml.toString()).redirectErrorStream(true).start();
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    Matcher t = TCP.matcher(line);
                    Matcher a = ADMIN.matcher(line);
                    if (t.find() && a.find()) {
                        ready.complete(new int[] {Integer.parseInt(t.group(1)), Integer.parseInt(a.group(1))});
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("broker ended:\n" + tail()));
        }, "flood-broker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not start:\n" + tail(), e);
        }
    }

    /**
     * Heap in use per {@code jcmd <pid> GC.heap_info}; with {@code live}, after a full GC
     * ({@code GC.run}), so it is what the broker holds, not garbage not yet collected. 0 if the broker is gone.
     */
    private long heapUsed(boolean live) throws IOException, InterruptedException {
        if (!broker.isAlive()) {
            return 0;
        }
        if (live) {
            jcmd("GC.run");
        }
        String text = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(broker.pid()), command)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    /** VmRSS of the broker process from /proc. */
    private long rss() throws IOException {
        Path status = Path.of("/proc", Long.toString(broker.pid()), "status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        return 0;
    }

    /** The broker's /metrics, or a note when even that is not served. */
    private String metrics(int adminPort) {
        try {
            return broker.isAlive() ? httpGet(adminPort, "/metrics") : "(broker process ended)";
        } catch (IOException | InterruptedException e) {
            return "(metrics not served: " + e + ")";
        }
    }

    private static String httpGet(int port, String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String tail() {
        int from = Math.max(0, output.size() - 30);
        return String.join("\n", output.subList(from, output.size()));
    }
}
