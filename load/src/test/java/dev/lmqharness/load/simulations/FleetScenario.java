package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The steady-fleet user: connect, subscribe to its own topic, publish to it at the configured
 * rate for the duration, then wait until every accepted message came back, and disconnect.
 * Each message crosses the broker once; loss, duplicates and order are checked per publisher.
 */
final class FleetScenario {

    private FleetScenario() {
    }

    static ScenarioBuilder build(String name, LoadParameters p, String topicPattern) {
        return scenario(name)
                .exec(mqtt(LoadSimulation.CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(topicPattern))
                .exitHereIfFailed()
                .during(p.duration()).on(
                        pace(p.pace()).exec(mqtt("publish").publish(topicPattern)))
                .exec(mqtt(LoadSimulation.DRAIN).awaitDelivered().timeout(p.drainTimeout()))
                .exec(mqtt("disconnect").disconnect());
    }
}
