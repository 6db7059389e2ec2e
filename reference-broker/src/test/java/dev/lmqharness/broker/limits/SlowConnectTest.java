package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.RawBytes;
import dev.lmqharness.kit.wire.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connect timeout runs from accept to a complete CONNECT, however many bytes trickle in, and
 * only so many connections may be waiting for their CONNECT at once.
 */
@Timeout(60)
@DisplayName("Slow and unfinished CONNECTs")
class SlowConnectTest {

    static final int CONNECT_TIMEOUT_SECONDS = 2;

    private ReferenceBroker broker;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", EmbeddedBroker.tcpPort(broker)), 5_000);
        return s;
    }

    /** Completes when the broker closes the socket (end of stream or reset). */
    private static CompletableFuture<Long> closedBy(Socket s, long startNanos) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.setSoTimeout(200);
                InputStream in = s.getInputStream();
                while (true) {
                    try {
                        if (in.read() < 0) {
                            break;
                        }
                    } catch (SocketTimeoutException quiet) {
                        if (s.isClosed()) {
                            break;
                        }
                    }
                }
            } catch (IOException reset) {
                // a reset is a close too
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        });
    }

    /** A CONNECT long enough to trickle well past the timeout: a 40-character client ID. */
    private static byte[] longConnect() {
        return RawBytes.connect(RawBytes.CLEAN_SESSION, 60, UserPass.NONE, RawBytes.str("trickle-" + "x".repeat(32)));
    }

    @Test
    @DisplayName("A CONNECT trickled one byte every 200 ms is closed at the connect deadline, not kept open")
    void trickledConnectIsClosedAtTheDeadline() throws Exception {
        broker = EmbeddedBroker.fromYaml("mqtt: {connect-timeout-seconds: " + CONNECT_TIMEOUT_SECONDS + "}\n");
        long start = System.nanoTime();
        Socket s = open();
        CompletableFuture<Long> closed = closedBy(s, start);
        byte[] connect = longConnect(); // 52 bytes: about 10 s of trickle
        AtomicInteger sent = new AtomicInteger();
        // One byte every 200 ms on a schedule: the pacing is the test's input, not a wait.
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        trickle.scheduleAtFixedRate(() -> {
            int i = sent.get();
            if (i >= connect.length) {
                throw new IllegalStateException("whole CONNECT sent"); // ends the schedule
            }
            try {
                OutputStream out = s.getOutputStream();
                out.write(connect[i]);
                out.flush();
                sent.incrementAndGet();
            } catch (IOException stopped) {
                throw new UncheckedIOException(stopped); // the broker closed the socket: ends the schedule
            }
        }, 0, 200, TimeUnit.MILLISECONDS);

        await("broker closes the trickling connection").atMost(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS + 3))
                .until(closed::isDone);
        trickle.shutdownNow();
        long millis = closed.get();
        System.out.printf("trickled CONNECT: closed after %d ms, %d of %d bytes sent%n", millis, sent.get(), connect.length);
        assertThat(millis).as("closed at the deadline").isBetween(CONNECT_TIMEOUT_SECONDS * 1000L - 200,
                CONNECT_TIMEOUT_SECONDS * 1000L + 2_000);
        assertThat(sent.get()).as("closed before the CONNECT was complete").isLessThan(connect.length);
    }

    @Test
    @DisplayName("A connection that sends nothing is closed at the connect deadline too")
    void silentConnectionIsClosedAtTheDeadline() throws Exception {
        broker = EmbeddedBroker.fromYaml("mqtt: {connect-timeout-seconds: " + CONNECT_TIMEOUT_SECONDS + "}\n");
        long start = System.nanoTime();
        CompletableFuture<Long> closed = closedBy(open(), start);
        await().atMost(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS + 3)).until(closed::isDone);
        assertThat(closed.get()).isGreaterThanOrEqualTo(CONNECT_TIMEOUT_SECONDS * 1000L - 200);
    }

    @Test
    @DisplayName("Beyond max-pending-connects a new connection is closed at once and counted; a CONNECT frees a slot")
    void pendingConnectsAreLimited() throws Exception {
        broker = EmbeddedBroker.fromYaml("""
                mqtt: {connect-timeout-seconds: 20}
                limits: {max-pending-connects: 3}
                """);
        List<Socket> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(open());
        }
        await("three connections pending").atMost(Duration.ofSeconds(5))
                .until(() -> EmbeddedBroker.metric(broker, "lmq_limits_pending_connects") == 3.0);

        long start = System.nanoTime();
        CompletableFuture<Long> fourth = closedBy(open(), start);
        await("the fourth is closed at once").atMost(Duration.ofSeconds(3)).until(fourth::isDone);
        assertThat(EmbeddedBroker.metric(broker, "lmq_limits_pending_connects_refused_total")).isEqualTo(1.0);

        // The three waiting ones are still served: one sends its CONNECT and gets CONNACK 0.
        Socket first = waiting.get(0);
        first.getOutputStream().write(RawBytes.connect(RawBytes.CLEAN_SESSION, 60, UserPass.NONE, RawBytes.str("pending-0")));
        first.setSoTimeout((int) TIMEOUT.toMillis());
        byte[] connack = first.getInputStream().readNBytes(4);
        assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x00);

        // Its slot is free again: a well-behaved client connects.
        try (RawMqttClient c = KitClients.rawConnected(EmbeddedBroker.tcpPort(broker), "after-slot-freed", true)) {
            assertThat(c.isOpen()).isTrue();
        }
    }
}
