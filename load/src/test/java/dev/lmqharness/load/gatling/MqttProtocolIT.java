package dev.lmqharness.load.gatling;

import dev.lmqharness.load.GatlingInProcess;
import dev.lmqharness.load.results.RunSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The MQTT protocol's actions and Gatling integration, run for real against a broker. */
class MqttProtocolIT {

    @BeforeEach
    void broker() {
        GatlingInProcess.requireBroker();
    }

    @Test
    @Timeout(180)
    void actionsBehaveAsTheirAssertionsSay() throws IOException {
        Path results = Path.of("target", "lmq-load", "features-it");
        int status = GatlingInProcess.run(ProtocolFeaturesSimulation.class, Path.of("target", "gatling"),
                Map.of("results.dir", results.toString()));
        assertThat(status).as("Gatling status (2 = an assertion failed)").isZero();
        RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
        // 5 echo users x 3 messages, plus 10 for the late subscriber, who must not leave before they came.
        assertThat(s.counter("published.qos1")).isEqualTo(25);
        assertThat(s.counter("received.qos1")).isEqualTo(25);
        assertThat(s.counter("lost.qos1")).isZero();
    }

    @Test
    @Timeout(180)
    void throttleLimitsPublishes() throws IOException {
        Path results = Path.of("target", "lmq-load", "throttle-it");
        int status = GatlingInProcess.run(ThrottledPublishSimulation.class, Path.of("target", "gatling"),
                Map.of("results.dir", results.toString()));
        assertThat(status).isZero();
        RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
        long published = s.counter("published.qos1");
        // Unthrottled, 10 clients at 100/s for 5 s publish ~5,000; at 50 requests/s about 250-300 get out.
        assertThat(published).isBetween(150L, 400L);
        assertThat(s.counter("lost.qos1")).isZero();
    }
}
