package dev.lmqharness.load.sim;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.load.core.Props;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker a simulation talks to: the one at {@code -Dmqtt.url} (with {@code -Dbroker.pid} for
 * memory figures), or the bundled reference broker, started in this JVM on an ephemeral port or,
 * for runs with more connections than one process may hold open files, as its runnable jar in a
 * child process ({@code -Dbroker.jar}, extra flags in {@code -Dbroker.args}).
 */
public final class BrokerTarget implements AutoCloseable {

    /** Where the bundled broker runs when no URL is given. */
    public enum Bundled { IN_PROCESS, CHILD_PROCESS }

    private final String url;
    private final long pid;
    private final boolean inProcess;
    private final ReferenceBroker embedded;
    private final Process child;

    private BrokerTarget(String url, long pid, boolean inProcess, ReferenceBroker embedded, Process child) {
        this.url = url;
        this.pid = pid;
        this.inProcess = inProcess;
        this.embedded = embedded;
        this.child = child;
    }

    /**
     * @param lmqGroup     Group ID to create when the bundled broker runs the LMQ profile (LMQ-GID-1)
     * @param parentTopic  parent topic to create then (LMQ-TOPIC-3)
     */
    public static BrokerTarget start(Props props, Bundled bundled, Profile profile, String lmqGroup, String parentTopic) {
        String url = props.raw("mqtt.url");
        if (url != null) {
            BrokerAddress.parse(url);
            return new BrokerTarget(url, props.longValue("broker.pid", -1, -1, Long.MAX_VALUE), false, null, null);
        }
        return bundled == Bundled.IN_PROCESS ? inProcess(profile, lmqGroup, parentTopic) : childProcess(props);
    }

    private static BrokerTarget inProcess(Profile profile, String lmqGroup, String parentTopic) {
        ReferenceBroker.Builder b = ReferenceBroker.builder().tcpPort(0).inMemory().profile(profile);
        if (profile != Profile.MQTT311) {
            // An LMQ instance is closed by default: create the load's group and parent topic, let it in anonymously.
            b = b.lmq(LmqConfig.defaults().withGroups(List.of(lmqGroup)).withParentTopics(List.of(parentTopic))
                    .withAnonymousAllowed(true));
        }
        ReferenceBroker broker = b.build().start();
        int port = broker.port(Transport.TCP);
        return new BrokerTarget("tcp://127.0.0.1:" + port, ProcessHandle.current().pid(), true, broker, null);
    }

    private static BrokerTarget childProcess(Props props) {
        Path jar = Path.of(props.string("broker.jar", "../reference-broker/target/reference-broker.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("bundled broker jar not found at " + jar.toAbsolutePath()
                    + "; build it (./mvnw -pl reference-broker package) or set -Dbroker.jar / -Dmqtt.url");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvmArgs = props.string("broker.jvmArgs", "-Xmx2g");
        cmd.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--tcp-port");
        cmd.add(Integer.toString(port));
        // Loopback only, nothing on disk: a load run must not open a port to the network or leave data behind.
        cmd.add("--host");
        cmd.add("127.0.0.1");
        cmd.add("--store");
        cmd.add("memory");
        String extra = props.string("broker.args", "");
        if (!extra.isBlank()) {
            cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        try {
            File log = Files.createTempFile("lmq-broker-", ".log").toFile();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            awaitPort(p, port, log);
            return new BrokerTarget("tcp://127.0.0.1:" + port, p.pid(), false, null, p);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the bundled broker: " + e.getMessage(), e);
        }
    }

    private static void awaitPort(Process p, int port, File log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("broker exited with " + p.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100); // polling a child process start-up, not a test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        p.destroy();
        throw new IOException("broker did not listen on " + port + " within 30 s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public String url() {
        return url;
    }

    /** Broker process ID for memory figures, or -1. */
    public long pid() {
        return pid;
    }

    /** True when the broker shares this JVM (its CPU then counts in the injector's). */
    public boolean inProcess() {
        return inProcess;
    }

    public boolean bundled() {
        return embedded != null || child != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop();
        }
        if (child != null) {
            child.destroy();
            try {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.destroyForcibly();
            }
        }
    }
}
