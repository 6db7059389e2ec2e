package dev.lmqharness.load;

import dev.lmqharness.broker.ReferenceBroker;
import io.gatling.javaapi.core.Simulation;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a simulation with Gatling inside the test JVM and returns Gatling's status code
 * (0 = every assertion held, 2 = an assertion failed). Parameters go in as system properties,
 * as on the command line, and are removed afterwards.
 */
public final class GatlingInProcess {

    private GatlingInProcess() {
    }

    public static int run(Class<? extends Simulation> simulation, Path gatlingResults, Map<String, String> properties) {
        properties.forEach(System::setProperty);
        try {
            return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[]{
                    "--simulation", simulation.getName(),
                    "--results-folder", gatlingResults.toString()});
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    /**
     * The simulations start the bundled broker themselves unless {@code -Dmqtt.url} names another.
     * While the bundled broker is not wired yet (its start throws UnsupportedOperationException),
     * runs without a URL are reported as aborted with that reason rather than failing the build.
     */
    public static void requireBroker() {
        if (System.getProperty("mqtt.url") != null) {
            return;
        }
        try {
            ReferenceBroker.builder().tcpPort(0).inMemory().build().start().stop();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("bundled reference broker not wired yet (" + e.getMessage()
                    + "); run with -Dmqtt.url=tcp://host:port to test against another broker");
        }
    }
}
