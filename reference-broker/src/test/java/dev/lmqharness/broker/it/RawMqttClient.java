package dev.lmqharness.broker.it;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A minimal MQTT client over a plain socket, for what only the wire shows. It writes whatever
 * bytes it is given and reads every packet the broker sends into a queue; a reader thread notes
 * when the broker closed the connection.
 */
final class RawMqttClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
    private volatile long closedAtNanos;
    private volatile boolean closed;

    private RawMqttClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true); // each write goes out as its own segment: split-packet tests rely on it
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "raw-mqtt-reader-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    static RawMqttClient open(int port) throws IOException {
        return new RawMqttClient(port);
    }

    /** Opens a connection, sends CONNECT and asserts CONNACK 0x00; returns the CONNACK. */
    static RawMqttClient connected(int port, String clientId, boolean cleanSession) throws IOException {
        RawMqttClient c = open(port);
        Packet ack = c.connect(clientId, cleanSession, 60);
        assertThat(ack.connackCode()).as("CONNACK return code").isZero();
        return c;
    }

    /** Sends a plain CONNECT and returns the broker's CONNACK. */
    Packet connect(String clientId, boolean cleanSession, int keepAliveSeconds) throws IOException {
        send(Packets.connect(clientId, cleanSession, keepAliveSeconds));
        return expect(Packets.CONNACK);
    }

    /** Writes each chunk with its own flush, so the broker sees them as separate reads when it is quick enough. */
    void send(byte[]... chunks) throws IOException {
        for (byte[] c : chunks) {
            out.write(c);
            out.flush();
        }
    }

    /**
     * Writes the chunks {@code gap} apart (scheduled, not slept), so the broker reads each one on its
     * own and has to reassemble packets split at any byte.
     */
    void sendSpaced(Duration gap, List<byte[]> chunks) throws Exception {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            java.util.concurrent.ScheduledFuture<?> last = null;
            for (int i = 0; i < chunks.size(); i++) {
                byte[] chunk = chunks.get(i);
                last = timer.schedule(() -> {
                    send(chunk);
                    return null;
                }, gap.toMillis() * i, TimeUnit.MILLISECONDS);
            }
            if (last != null) {
                last.get(gap.toMillis() * chunks.size() + 5_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /** Cuts a packet at the given offsets. */
    static List<byte[]> split(byte[] packet, int... cuts) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int c : cuts) {
            out.add(java.util.Arrays.copyOfRange(packet, from, c));
            from = c;
        }
        out.add(java.util.Arrays.copyOfRange(packet, from, packet.length));
        return out;
    }

    /** The next packet, whatever its type; fails after {@link #WAIT}. */
    Packet next() {
        return next(WAIT);
    }

    Packet next(Duration wait) {
        try {
            Packet p = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (p == null) {
                fail("no packet from the broker within " + wait + (closed ? " (connection closed)" : ""));
            }
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next packet, which must be of the given type. */
    Packet expect(int type) {
        Packet p = next();
        assertThat(p.type()).as("type of %s", p).isEqualTo(type);
        return p;
    }

    /** The next {@code n} packets, each of the given type. */
    List<Packet> expect(int type, int n) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(expect(type));
        }
        return out;
    }

    /** Subscribes and asserts the SUBACK; returns its return codes. */
    List<Integer> subscribe(int packetId, Object... filterQosPairs) throws IOException {
        send(Packets.subscribe(packetId, filterQosPairs));
        Packet ack = expect(Packets.SUBACK);
        assertThat(ack.packetId()).as("SUBACK packet identifier (MQTT-3.8.4-2)").isEqualTo(packetId);
        return ack.subackCodes();
    }

    /** A PINGREQ answered by PINGRESP proves the connection is alive and in order. */
    void assertAlive() throws IOException {
        send(Packets.pingreq());
        expect(Packets.PINGRESP);
    }

    /** Asserts that the broker sends nothing during {@code quiet}. */
    void assertNothingFor(Duration quiet) {
        try {
            Packet p = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(p).as("unexpected packet").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Packets that arrived and were not taken yet. */
    List<Packet> drain() {
        List<Packet> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    boolean isClosed() {
        return closed;
    }

    long closedAtNanos() {
        return closedAtNanos;
    }

    /** Asserts the broker closes this connection within {@code within}. */
    void awaitClosedByBroker(Duration within) {
        await("broker closes the connection").atMost(within).pollInterval(Duration.ofMillis(10))
                .until(() -> closed);
    }

    void awaitClosedByBroker() {
        awaitClosedByBroker(WAIT);
    }

    /** Drops the connection without DISCONNECT: an abnormal loss as the broker sees it. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                int length = 0;
                int multiplier = 1;
                int digit;
                do {
                    digit = in.readUnsignedByte();
                    length += (digit & 0x7F) * multiplier;
                    multiplier *= 128;
                } while ((digit & 0x80) != 0);
                byte[] body = new byte[length];
                in.readFully(body);
                received.add(new Packet(first >> 4, first & 0x0F, body));
            }
        } catch (EOFException | java.net.SocketException e) {
            // the broker (or this test) closed the socket
        } catch (IOException e) {
            // any other read failure also ends the connection
        } finally {
            closedAtNanos = System.nanoTime();
            closed = true;
        }
    }
}
