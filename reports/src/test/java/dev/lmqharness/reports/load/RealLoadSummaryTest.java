package dev.lmqharness.reports.load;

import dev.lmqharness.reports.load.SloCheck.Outcome;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Summaries written by real small runs of the load module (SteadyFleetSimulation with 100 clients
 * for 10 s, RampToSloSimulation in four steps of 25 clients; bundled broker, QoS 1), kept as test
 * resources: the page reads the module's actual format.
 */
class RealLoadSummaryTest {

    private static Path samples() throws URISyntaxException {
        return Path.of(RealLoadSummaryTest.class.getResource("/load-samples").toURI());
    }

    @Test
    void readsRealSummariesWithTheirLatenciesRampLevelsAndSloChecks() throws Exception {
        List<String> problems = new ArrayList<>();
        List<LoadRun> runs = LoadRun.scan(List.of(samples()), List.of(), problems);
        assertThat(problems).isEmpty();
        assertThat(runs).extracting(r -> r.summary().simulation()).containsExactly("RampToSloSimulation", "SteadyFleetSimulation");

        LoadRun ramp = runs.get(0);
        assertThat(RampLevels.of(ramp.summary())).extracting(RampLevels.Level::clients).containsExactly(25L, 50L, 75L, 100L);
        assertThat(RampLevels.largestPassingFleet(ramp.summary())).contains(100L);
        assertThat(ramp.summary().fleetSize()).as("a ramp's fleet is what it reached, not its clients bound").isEqualTo(100);

        LoadRun steady = runs.get(1);
        assertThat(steady.summary().fleetSize()).isEqualTo(100);
        assertThat(steady.summary().endToEnd()).hasValueSatisfying(e -> {
            assertThat(e.getKey()).isEqualTo("e2e.qos1");
            assertThat(e.getValue().count()).isEqualTo(steady.summary().counters().get("received.qos1"));
        });
        // An older summary (no slo.assertions, no connectFailures counter): the documented checks, a connect check included.
        assertThat(steady.slos()).extracting(SloCheck::name).containsExactly("every connect succeeds", "e2e.qos1 p99 < 500 ms", "nothing lost at QoS 1");
        assertThat(steady.slos()).extracting(SloCheck::outcome).containsOnly(Outcome.PASSED);

        assertThat(FleetCharts.ramps(runs)).containsKey(ramp.id());
        assertThat(FleetCharts.bySimulation(runs)).containsOnlyKeys("SteadyFleetSimulation");
    }
}
