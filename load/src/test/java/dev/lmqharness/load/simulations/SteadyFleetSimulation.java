package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;

/**
 * Steady fleet: N clients, each publishing to its own topic at 20 messages/s (the documented
 * per-client ceiling, RULES.md LMQ-TPS-1) and receiving its messages back, for the duration.
 * SLOs: every connect succeeds, end-to-end p99 within {@code -Dslo.p99.ms}, nothing lost at QoS >= 1.
 */
public class SteadyFleetSimulation extends LoadSimulation {

    public SteadyFleetSimulation() {
        super(new LoadParameters.Defaults(1000, 20, Duration.ofMinutes(5), Duration.ofSeconds(60), 1, 256, 500));
        setUp(FleetScenario.build("steady-fleet", params, topic("fleet/#{mqttClientNumber}"))
                .injectOpen(rampUsers(params.clients()).during(params.ramp())))
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }
}
