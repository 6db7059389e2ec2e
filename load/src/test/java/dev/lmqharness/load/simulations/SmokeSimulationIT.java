package dev.lmqharness.load.simulations;

import dev.lmqharness.load.GatlingInProcess;
import dev.lmqharness.load.results.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke simulation as part of {@code mvn verify}: a few hundred clients for about ten seconds
 * at QoS 1 against the bundled broker (or {@code -Dmqtt.url}); its Gatling assertions (every
 * connect succeeds, p99 within 2 s, nothing lost) must hold, and its JSON summary and latency log
 * must agree with them.
 */
class SmokeSimulationIT {

    @Test
    @Timeout(240)
    void smokeRunMeetsItsSlosAndWritesResults() throws IOException {
        Path results = Path.of("target", "lmq-load", "smoke-it");
        int status = GatlingInProcess.run(SmokeSimulation.class, Path.of("target", "gatling"),
                Map.of("results.dir", results.toString()));
        assertThat(status).as("Gatling status (2 = an SLO assertion failed)").isZero();

        RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
        assertThat(s.counter("connects")).isEqualTo(Long.getLong("clients", 300));
        assertThat(s.counter("published.qos1")).isPositive();
        assertThat(s.counter("received.qos1")).isEqualTo(s.counter("published.qos1"));
        assertThat(s.counter("lost.qos1")).isZero();
        assertThat(s.counter("duplicates.qos1")).isZero();
        assertThat(s.counter("outOfOrder.qos1")).isZero();
        assertThat(s.latencies().get("e2e.qos1").count()).isEqualTo(s.counter("received.qos1"));
        assertThat(s.latencies().get("ack.qos1").count()).isEqualTo(s.counter("published.qos1"));
        assertThat(Files.size(results.resolve(RunSummary.HLOG_NAME))).isPositive();
        assertThat(s.shards()).singleElement().satisfies(r -> assertThat(r.peakClients()).isPositive());
        // Every Gatling assertion is named in the summary, so the reports can show each as a check.
        assertThat(s.parameters()).containsEntry("slo.assertions",
                "no-failures:connect;p99:e2e.qos1<" + s.parameters().get("slo.p99.ms") + ";no-failures:drain");
        assertThat(s.latencies().get("drain").count()).as("one drain per client").isEqualTo(s.counter("connects"));
        assertThat(s.counters()).doesNotContainKey("failed.connect");
    }
}
