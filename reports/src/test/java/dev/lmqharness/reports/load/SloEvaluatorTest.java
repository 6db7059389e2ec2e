package dev.lmqharness.reports.load;

import dev.lmqharness.reports.load.SloCheck.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SloEvaluatorTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesTheDocumentedSlosFromTheSummarysFigures() throws IOException {
        LoadFixtures.write(dir, "SteadyFleetSimulation", 1_000,
                Map.of("clients", "200", "qos", "1", "slo.p99.ms", "50", "slo.connect.p99.ms", "10"),
                Map.of("connects", 200L, "connectFailures", 0L, "lost.qos1", 3L, "expected.qos1", 1000L),
                Map.of("e2e.qos1", LoadFixtures.latency(1000, 4_000, 49_999, 80_000),
                        "connect", LoadFixtures.latency(200, 2_000, 10_000, 12_000)), Map.of());
        List<SloCheck> checks = SloEvaluator.checks(LoadSummary.read(dir.resolve("summary.json")));

        assertThat(checks).extracting(SloCheck::name, SloCheck::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("every connect succeeds", Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("connect p99 < 10 ms", Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("e2e.qos1 p99 < 50 ms", Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("nothing lost at QoS 1", Outcome.FAILED));
        assertThat(checks.get(1).measured()).isEqualTo("10.0 ms over 200 samples");
        assertThat(checks.get(3).measured()).isEqualTo("3 lost of 1000 expected");
        assertThat(checks).allSatisfy(c -> assertThat(c.source()).isEqualTo(SloEvaluator.EVALUATED));
    }

    @Test
    void aMissingFigureIsNotJudgedAndARampIsJudgedByItsLargestPassingFleet() throws IOException {
        LoadFixtures.write(dir, "RampToSloSimulation", 1_000,
                Map.of("clients", "500", "qos", "1", "slo.drain.p99.ms", "100", "ramp.minFleet", "300"),
                Map.of("lost.qos1", 0L),
                Map.of(), Map.of("ramp.largestPassingFleet", 250, "ramp.levels", List.of(
                        Map.of("clients", 100, "samples", 5000, "p99Millis", 12.5, "judged", true, "passed", true),
                        Map.of("clients", 250, "samples", 9000, "p99Millis", 40.0, "judged", true, "passed", true),
                        Map.of("clients", 300, "samples", 20, "p99Millis", 90.0, "judged", false, "passed", false))));
        LoadSummary s = LoadSummary.read(dir.resolve("summary.json"));
        assertThat(SloEvaluator.checks(s)).extracting(SloCheck::name, SloCheck::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("drain p99 < 100 ms", Outcome.NOT_JUDGED),
                org.assertj.core.groups.Tuple.tuple("nothing lost at QoS 1", Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("largest fleet within the SLO >= 300", Outcome.FAILED));
        assertThat(RampLevels.of(s)).extracting(RampLevels.Level::clients).containsExactly(100L, 250L, 300L);
    }

    @Test
    void aRunThatNamesItsAssertionsGetsOneCheckPerAssertion() throws IOException {
        // As the load module writes it: every Gatling assertion of the simulation, in order.
        LoadFixtures.write(dir, "ReconnectStormSimulation", 1_000,
                Map.of("clients", "100", "qos", "1", "slo.p99.ms", "50",
                        "slo.assertions", "no-failures:connect;p99:connect<5000;no-failures:drain;no-failures:ramp verdict;p99:takeover<20;odd"),
                Map.of("connects", 300L, "failed.drain", 2L, "lost.qos1", 0L, "expected.qos1", 10L),
                Map.of("connect", LoadFixtures.latency(300, 2_000, 4_999_000, 6_000_000)), Map.of());
        List<SloCheck> checks = SloEvaluator.checks(LoadSummary.read(dir.resolve("summary.json")));

        assertThat(checks).extracting(SloCheck::name, SloCheck::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("no failed 'connect' response", Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("connect p99 < 5000 ms", Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("no failed 'drain' response", Outcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("no failed 'ramp verdict' response", Outcome.PASSED),
                org.assertj.core.groups.Tuple.tuple("takeover p99 < 20 ms", Outcome.NOT_JUDGED),
                org.assertj.core.groups.Tuple.tuple("odd", Outcome.NOT_JUDGED),
                org.assertj.core.groups.Tuple.tuple("nothing lost at QoS 1", Outcome.PASSED));
        assertThat(checks.get(0).measured()).isEqualTo("0 failed of 300 connects");
        assertThat(checks.get(2).measured()).isEqualTo("2 failed");
        assertThat(checks).extracting(SloCheck::name).as("slo.p99.ms is not asserted by this run").doesNotContain("e2e.qos1 p99 < 50 ms");
    }

    @Test
    void anOlderSummaryWithoutConnectFailuresCountsNoneWhenConnectsWereCounted() throws IOException {
        LoadFixtures.write(dir, "SteadyFleetSimulation", 1_000, Map.of("clients", "2", "qos", "0"),
                Map.of("connects", 2L), Map.of(), Map.of());
        assertThat(SloEvaluator.checks(LoadSummary.read(dir.resolve("summary.json"))))
                .singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("every connect succeeds");
                    assertThat(c.outcome()).isEqualTo(Outcome.PASSED);
                });
    }

    @Test
    void outcomesTheRunStatesAreTakenAsStated() throws IOException {
        Files.writeString(dir.resolve("summary.json"), """
                {"schema":1,"simulation":"X","parameters":{"slo.p99.ms":"1"},"latencies":{"e2e.qos1":{"count":5,"p99":999999}},
                 "slos":[{"name":"e2e p99","passed":true,"actual":"3 ms","bound":"< 5 ms"}]}
                """);
        assertThat(SloEvaluator.checks(LoadSummary.read(dir.resolve("summary.json"))))
                .singleElement().satisfies(c -> {
                    assertThat(c.outcome()).isEqualTo(Outcome.PASSED);
                    assertThat(c.name()).isEqualTo("e2e p99 (bound < 5 ms)");
                    assertThat(c.source()).isEqualTo(SloEvaluator.STATED);
                });
    }

    @Test
    void anotherSchemaIsRefusedWithTheFileNamed() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"schema\":2,\"simulation\":\"X\"}");
        assertThatThrownBy(() -> LoadSummary.read(dir.resolve("summary.json")))
                .hasMessageContaining("summary.json").hasMessageContaining("schema 2");
    }
}
