package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.Transport;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a broker with RocksDB in the given directory on an ephemeral TCP port, in a JVM of its own,
 * so that a test can kill it with SIGKILL. Prints {@value #READY} and the port once it listens.
 */
public final class BrokerProcessMain {

    static final String READY = "BROKER_READY tcp=";

    private BrokerProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReferenceBroker broker = ReferenceBroker.builder().tcpPort(0).rocksDb(Path.of(args[0])).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        System.out.println(READY + broker.port(Transport.TCP));
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
