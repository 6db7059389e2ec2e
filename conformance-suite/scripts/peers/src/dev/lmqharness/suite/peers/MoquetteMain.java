package dev.lmqharness.suite.peers;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Moquette for a conformance run: {@code MoquetteMain <moquette.properties>} (written by
 * run-against-moquette.sh: loopback host, ports, key store, no persistence, no telemetry). Runs
 * until the process is terminated.
 */
public final class MoquetteMain {

    private MoquetteMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MoquetteMain <moquette.properties>");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Server server = new Server();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopServer();
            stopped.countDown();
        }));
        server.startServer(new MemoryConfig(p));
        System.out.println("Moquette is running");
        stopped.await();
    }
}
