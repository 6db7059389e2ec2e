package dev.lmqharness.broker.cli;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppClients;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.wire.ExchangeLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command line end to end, in a child JVM: start with flags, one start-up line with the bound
 * port, a real client connects, SIGTERM stops it cleanly with a log line.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerMainProcessTest {

    private static final Pattern STARTED = Pattern.compile("LMQ reference broker started: profile=mqtt311 tcp=127\\.0\\.0\\.1:(\\d+) store=memory");

    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsServesAndStopsOnSigterm() throws Exception {
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), "--host", "127.0.0.1", "--tcp-port", "0", "--store", "memory")
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(this::collectOutput, "broker-output");
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> port() > 0 || !process.isAlive());
        assertThat(process.isAlive()).as("broker running; output: %s", output).isTrue();
        assertThat(output.stream().filter(l -> l.contains("LMQ reference broker started"))).hasSize(1);

        try (AppClient client = AppClients.create(ClientKind.HIVEMQ, BrokerAddress.loopback(Scheme.TCP, port()),
                "cli-test", new ExchangeLog(), "cli-test", Duration.ofSeconds(10))) {
            assertThat(client.connect(new AppConnectOptions(true, 60, UserPass.NONE, null)).accepted()).isTrue();
            client.disconnect();
        }

        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the pipe
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped in time; output: %s", output).isTrue();
        assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
        reader.join(5_000); // the rest of the output, up to end of stream
        assertThat(output).as("output").anyMatch(l -> l.contains("LMQ reference broker stopped"));
        assertThat(output).as("output").noneMatch(l -> l.contains("Exception"));
    }

    private int port() {
        for (String line : output) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private void collectOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }
}
