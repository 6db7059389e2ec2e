package dev.lmqharness.load.peers;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * HiveMQ CE embedded as a peer broker for the benchmarks, in its own JVM so its CPU is measured
 * apart from the generator's: {@code HiveMqCePeer <port> <work-dir>}. Binds 127.0.0.1 only, keeps
 * its data in memory (like the reference broker's {@code --store memory}), runs until killed.
 */
public final class HiveMqCePeer {

    private HiveMqCePeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HiveMqCePeer <port> <work-dir>");
            System.exit(64);
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("port: not a number: " + args[0]);
            System.exit(64);
            return;
        }
        Path work = Path.of(args[1]);
        Path conf = work.resolve("conf");
        Path data = work.resolve("data");
        Path extensions = work.resolve("extensions");
        Files.createDirectories(conf);
        Files.createDirectories(data);
        Files.createDirectories(extensions);
        writeConfig(conf.resolve("config.xml"), port);

        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .build();
        hivemq.start().join();
        System.out.println("HiveMQ CE embedded listening on 127.0.0.1:" + port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hivemq.stop().join();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void writeConfig(Path file, int port) throws IOException {
        Files.writeString(file, """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
    }
}
