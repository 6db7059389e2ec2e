package dev.lmqharness.broker.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A broker in a child JVM ({@link BrokerProcessMain}), which a test can kill like {@code kill -9}. */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int tcpPort;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private BrokerProcess(Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BrokerProcessMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(port), "broker-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            tcpPort = port.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("broker process did not start; its output:\n" + String.join("\n", output), e);
        }
    }

    static BrokerProcess start(Path dataDir) throws IOException {
        return new BrokerProcess(dataDir);
    }

    int tcpPort() {
        return tcpPort;
    }

    /** SIGKILL (Process.destroyForcibly on Unix): no shutdown hook, no flush, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker process did not die");
        }
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void readOutput(CompletableFuture<Integer> port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                if (line.startsWith(BrokerProcessMain.READY)) {
                    port.complete(Integer.parseInt(line.substring(BrokerProcessMain.READY.length()).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            port.completeExceptionally(e);
        } finally {
            port.completeExceptionally(new IllegalStateException("broker process ended"));
        }
    }
}
