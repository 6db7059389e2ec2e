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
 * Runs whose duration exceeds the ramp by 20 s or more also measure the generator's CPU per client
 * (and a broker's given by -Dbroker.pid) over the steady part.
 */
public class SteadyFleetSimulation extends LoadSimulation {

    public SteadyFleetSimulation() {
        super(new LoadParameters.Defaults(1000, 20, Duration.ofMinutes(5), Duration.ofSeconds(60), 1, 256, 500));
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(FleetScenario.build("steady-fleet", params, topic("fleet/#{mqttClientNumber}"))
                .injectOpen(rampUsers(params.clients()).during(params.ramp())));
        // Every client publishes from its start for the duration, so all of them publish between the
        // end of the ramp and the end of the first client's duration: the probe measures 5 s inside
        // both ends of that span (the first clients' drain and disconnect are not in it).
        Duration window = params.duration().minus(params.ramp()).minusSeconds(10);
        if (window.compareTo(Duration.ofSeconds(10)) >= 0) {
            populations.add(cpuProbe(params.ramp().plusSeconds(5), window).injectOpen(atOnceUsers(1)));
        }
        setUp(populations)
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }
}
