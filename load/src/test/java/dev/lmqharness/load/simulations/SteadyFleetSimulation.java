package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;

import io.gatling.javaapi.core.PopulationBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

/**
 * Steady fleet: N clients, each publishing to its own topic at 20 messages/s (the documented
 * per-client ceiling, RULES.md LMQ-TPS-1) and receiving its messages back, for the duration.
 * SLOs: every connect succeeds, end-to-end p99 within {@code -Dslo.p99.ms}, nothing lost at QoS >= 1.
 * Runs of 20 s or more also measure the generator's CPU per client over the steady part.
 */
public class SteadyFleetSimulation extends LoadSimulation {

    public SteadyFleetSimulation() {
        super(new LoadParameters.Defaults(1000, 20, Duration.ofMinutes(5), Duration.ofSeconds(60), 1, 256, 500));
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(FleetScenario.build("steady-fleet", params, topic("fleet/#{mqttClientNumber}"))
                .injectOpen(rampUsers(params.clients()).during(params.ramp())));
        if (params.duration().compareTo(Duration.ofSeconds(20)) >= 0) {
            // The generator's own CPU over the steady part: from 5 s after the ramp to 5 s before the end.
            populations.add(cpuProbe(params.ramp().plusSeconds(5), params.duration().minusSeconds(10))
                    .injectOpen(atOnceUsers(1)));
        }
        setUp(populations)
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }
}
