package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lmqharness.kit.wire.RawBytes.concat;
import static dev.lmqharness.kit.wire.RawBytes.connectHeader;
import static dev.lmqharness.kit.wire.RawBytes.packet;
import static dev.lmqharness.kit.wire.RawBytes.str;
import static dev.lmqharness.kit.wire.RawBytes.u16;
import static dev.lmqharness.kit.wire.RawBytes.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mutated packets (seeded, so a failure can be replayed) after a valid CONNECT: whatever a mutation
 * does, it may end only its own connection. The broker keeps serving other clients, and once every
 * fuzzing socket is closed no connection or session is left behind.
 */
@Timeout(180)
@DisplayName("Mutated packets end at most their own connection")
class MutatedPacketsTest {

    private static final int CASES = 2_000;
    private static final int PARALLEL = 32;
    private static final long SEED = 0x5EED_11L;

    private ReferenceBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @ParameterizedTest(name = "profile {0}")
    @ValueSource(strings = {"mqtt311", "lmq"})
    void mutatedPacketsLeaveTheBrokerServingAndLeakNothing(String profile) throws Exception {
        broker = EmbeddedBroker.fromYaml("""
                profile: %s
                listeners: {tcp: {enabled: true, host: 127.0.0.1, port: 0}}
                store: {type: memory}
                mqtt: {connect-timeout-seconds: 2}
                lmq:
                  instance-id: fuzz
                  groups: [GID_fuzz]
                  parent-topics: [fuzz]
                  allow-anonymous: true
                admin: {enabled: true, host: 127.0.0.1, port: 0}
                """.formatted(profile));
        int port = EmbeddedBroker.tcpPort(broker);
        AtomicInteger closedByBroker = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger silent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < PARALLEL; t++) {
            int thread = t;
            runs.add(pool.submit(() -> {
                for (int i = thread; i < CASES; i += PARALLEL) {
                    switch (fuzzOne(port, i)) {
                        case CLOSED -> closedByBroker.incrementAndGet();
                        case ANSWERED -> answered.incrementAndGet();
                        case SILENT -> silent.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> f : runs) {
            f.get(150, TimeUnit.SECONDS);
        }
        System.out.printf("%s: %d mutated packets: %d closed by the broker, %d answered (still valid), %d silent%n",
                profile, CASES, closedByBroker.get(), answered.get(), silent.get());

        assertThat(closedByBroker.get()).as("mutations the broker treated as malformed").isGreaterThan(CASES / 4);
        roundtripStillServed(port);
        await("no connection or session left behind by the fuzzing sockets (online clients, pending CONNECTs)")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> EmbeddedBroker.metric(broker, "lmq_clients_online") == 0
                        && EmbeddedBroker.metric(broker, "lmq_limits_pending_connects") == 0);
    }

    private enum Outcome { CLOSED, ANSWERED, SILENT }

    /** CONNECT, one mutated packet, then PINGREQ: the broker closes, answers, or stays silent (a partial packet). */
    private static Outcome fuzzOne(int port, int n) throws IOException {
        Random r = new Random(SEED + n);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(validConnect("GID_fuzz@@@f" + n));
            InputStream in = s.getInputStream();
            byte[] connack = in.readNBytes(4);
            assertThat(connack).as("CONNACK of case %d", n).hasSize(4).startsWith((byte) 0x20);
            byte[] mutated = mutate(r.nextInt(SEEDS.size()), r);
            try {
                s.getOutputStream().write(concat(mutated, new byte[] {(byte) 0xC0, 0}));
            } catch (IOException e) {
                return Outcome.CLOSED; // closed while we were still writing
            }
            s.setSoTimeout(400);
            try {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] buf = new byte[512];
                while (true) {
                    int k = in.read(buf);
                    if (k < 0) {
                        return Outcome.CLOSED;
                    }
                    got.write(buf, 0, k);
                    if (containsPingResp(got.toByteArray())) {
                        return Outcome.ANSWERED;
                    }
                }
            } catch (SocketTimeoutException e) {
                return Outcome.SILENT; // e.g. a Remaining Length grown past what was sent: the broker waits
            } catch (IOException e) {
                return Outcome.CLOSED; // reset
            }
        }
    }

    private static boolean containsPingResp(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xD0 && b[i + 1] == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] validConnect(String clientId) {
        return packet(0x10, connectHeader("MQTT", 4, 0x02, 30), str(clientId));
    }

    /** Valid packets a connected client may send, as seeds for the mutations. */
    private static final List<byte[]> SEEDS = List.of(
            packet(0x30, str("fuzz/a"), "hello".getBytes(StandardCharsets.UTF_8)),
            packet(0x32, str("fuzz/a"), u16(7), "qos1".getBytes(StandardCharsets.UTF_8)),
            packet(0x34, str("fuzz/a"), u16(8), "qos2".getBytes(StandardCharsets.UTF_8)),
            packet(0x31, str("fuzz/r"), "retained".getBytes(StandardCharsets.UTF_8)),
            packet(0x82, u16(9), str("fuzz/#"), u8(1)),
            packet(0x82, u16(10), str("fuzz/+/b"), u8(0), str("fuzz/c"), u8(2)),
            packet(0xA2, u16(11), str("fuzz/#")),
            packet(0x40, u16(1)),
            packet(0x62, u16(2)),
            packet(0xC0),
            packet(0xE0),
            validConnect("GID_fuzz@@@second"));

    /** One to three of: flip a bit, overwrite a byte, drop a byte, insert a byte, truncate. */
    private static byte[] mutate(int seed, Random r) {
        byte[] b = SEEDS.get(seed).clone();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> b = concat(java.util.Arrays.copyOfRange(b, 0, at), java.util.Arrays.copyOfRange(b, at + 1, b.length));
                case 3 -> b = concat(java.util.Arrays.copyOfRange(b, 0, at), new byte[] {(byte) r.nextInt(256)},
                        java.util.Arrays.copyOfRange(b, at, b.length));
                default -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
            }
        }
        return b;
    }

    private static void roundtripStillServed(int port) {
        BrokerAddress address = BrokerAddress.loopback(Scheme.TCP, port);
        try (AppClient sub = KitClients.app(ClientKind.HIVEMQ, address, "GID_fuzz@@@after-sub");
             AppClient pub = KitClients.app(ClientKind.PAHO, address, "GID_fuzz@@@after-pub")) {
            KitClients.connect(sub, true); // throws when refused
            KitClients.connect(pub, true);
            assertThat(sub.subscribe("fuzz/after", 1)).containsExactly(1);
            pub.publish("fuzz/after", "still here".getBytes(StandardCharsets.UTF_8), 1, false);
            AppMessage m = KitClients.next(sub);
            assertThat(m.text()).as("a roundtrip after the fuzzing").isEqualTo("still here");
        }
    }
}
