package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;

/**
 * A short steady fleet (a few hundred clients, seconds) that runs in {@code mvn verify}: QoS 1,
 * zero loss, a generous p99. Parameters as every simulation (see {@link LoadParameters}).
 */
public class SmokeSimulation extends LoadSimulation {

    public SmokeSimulation() {
        super(new LoadParameters.Defaults(300, 1, Duration.ofSeconds(10), Duration.ofSeconds(3), 1, 128, 2000));
        setUp(FleetScenario.build("smoke", params, topic("smoke/#{mqttClientNumber}"))
                .injectOpen(rampUsers(params.clients()).during(params.ramp())))
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }
}
