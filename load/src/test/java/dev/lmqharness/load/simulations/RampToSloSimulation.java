package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import dev.lmqharness.load.sim.SloWatchdog;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;

/**
 * Ramp to find the largest fleet that meets the SLO: fleet clients (as in the steady fleet) join
 * in steps of {@code -Dramp.step} every {@code -Dramp.level} until {@code -Dramp.levels} steps;
 * each step's end-to-end p99 is judged against {@code -Dslo.p99.ms}. With
 * {@code -Dramp.stopOnBreach=true} (default) clients stop publishing once a step breaks the SLO.
 * The summary's notes hold every step and the largest passing fleet; a verdict response
 * "ramp verdict" fails when that fleet is below {@code -Dramp.minFleet}.
 */
public class RampToSloSimulation extends LoadSimulation {

    public RampToSloSimulation() {
        super(new LoadParameters.Defaults(2000, 20, Duration.ZERO, Duration.ofSeconds(10), 1, 256, 500));
        int step = props.integer("ramp.step", 200, 1, 1_000_000);
        int levels = props.integer("ramp.levels", Math.max(1, params.clients() / step), 1, 10_000);
        Duration level = props.duration("ramp.level", Duration.ofSeconds(60));
        boolean stopOnBreach = props.bool("ramp.stopOnBreach", true);
        long minFleet = props.longValue("ramp.minFleet", 0, 0, Long.MAX_VALUE);
        SloWatchdog watchdog = new SloWatchdog(metrics, "e2e.qos" + params.qos(), step, params.sloP99Millis(),
                props.longValue("ramp.minSamples", 100, 1, Long.MAX_VALUE));

        Duration perLevel = params.ramp().plus(level);
        Duration total = perLevel.multipliedBy(levels);
        long endMillis = System.currentTimeMillis() + total.toMillis() + 5_000; // the run starts seconds after construction
        String t = topic("ramp/#{mqttClientNumber}");
        ScenarioBuilder fleet = scenario("ramp-fleet")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(t))
                .exitHereIfFailed()
                .asLongAs(s -> System.currentTimeMillis() < endMillis && !(stopOnBreach && watchdog.breached())).on(
                        pace(params.pace()).exec(mqtt("publish").publish(t)))
                .exec(mqtt(DRAIN).awaitDelivered().timeout(params.drainTimeout()))
                .exec(mqtt("disconnect").disconnect());

        List<OpenInjectionStep> steps = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            steps.add(rampUsers(step).during(params.ramp()));
            steps.add(nothingFor(level));
        }
        ScenarioBuilder verdict = scenario("ramp-verdict")
                .pause(total.plus(params.drainTimeout()))
                .exec(mqtt("ramp verdict").check(() -> {
                    note("ramp.levels", watchdog.levels());
                    note("ramp.largestPassingFleet", watchdog.largestPassing());
                    System.out.println("lmq-load ramp: largest fleet meeting p99 <= " + params.sloP99Millis() + " ms: "
                            + watchdog.largestPassing() + " clients; levels " + watchdog.levels());
                    return watchdog.largestPassing() >= minFleet ? null
                            : "largest passing fleet " + watchdog.largestPassing() + " < ramp.minFleet " + minFleet;
                }));
        setUp(fleet.injectOpen(steps), verdict.injectOpen(atOnceUsers(1)))
                .protocols(protocol)
                .assertions(noFailures(CONNECT),
                        noFailures("ramp verdict"),
                        noFailures(DRAIN))
                .maxDuration(maxDuration(total.plus(params.drainTimeout())));
    }
}
