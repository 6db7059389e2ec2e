package dev.lmqharness.load;

import io.gatling.javaapi.core.Simulation;

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
}
