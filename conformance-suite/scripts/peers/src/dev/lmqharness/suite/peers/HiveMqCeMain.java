package dev.lmqharness.suite.peers;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts HiveMQ Community Edition embedded for a conformance run:
 * {@code HiveMqCeMain <configFolder> <dataFolder> <extensionsFolder>}. The configuration folder's
 * {@code config.xml} (written by run-against-hivemq-ce.sh) gives loopback listeners. Anonymous
 * clients are let in by an embedded allow-all extension, as the CE distribution's own allow-all
 * extension would. Runs until the process is terminated.
 */
public final class HiveMqCeMain {

    private HiveMqCeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: HiveMqCeMain <configFolder> <dataFolder> <extensionsFolder>");
            System.exit(2);
        }
        EmbeddedExtension allowAll = EmbeddedExtension.builder()
                .withId("lmq-suite-allow-all").withName("allow all clients (conformance runs)").withVersion("1")
                .withAuthor("lmq-harness").withPriority(0).withStartPriority(1000)
                .withExtensionMain(new AllowAll()).build();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(Path.of(args[0]))
                .withDataFolder(Path.of(args[1]))
                .withExtensionsFolder(Path.of(args[2]))
                .withEmbeddedExtension(allowAll)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hivemq.stop().join();
            stopped.countDown();
        }));
        hivemq.start().join();
        System.out.println("HiveMQ CE embedded is running");
        stopped.await();
    }

    /** Accepts every CONNECT; default permissions (none set) allow every topic. */
    public static final class AllowAll implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
            Services.securityRegistry().setAuthenticatorProvider(p ->
                    (SimpleAuthenticator) (input, output) -> output.authenticateSuccessfully());
        }

        @Override
        public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
            // nothing to release
        }
    }
}
