package dev.lmqharness.load.gatling;

import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.load.sim.BrokerTarget;
import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A real loss, made by the broker: each user sends three messages to its own topic, the middle
 * one larger than the LMQ profile's payload limit, which the bundled broker acknowledges and
 * delivers to no one (RULES.md LMQ-MSG-1 Decision). The drain must report it lost.
 */
public class DroppedMessageSimulation extends LoadSimulation {

    static final int OVERSIZE_BYTES = 70_000; // above LMQ-MSG-1's default 65,536

    public DroppedMessageSimulation() {
        super(new LoadParameters.Defaults(3, 1, Duration.ofSeconds(1), Duration.ZERO, 1, 64, 2000),
                BrokerTarget.Bundled.IN_PROCESS, Profile.LMQ);
        String own = topic("it/dropped/#{mqttClientNumber}");
        setUp(scenario("dropped")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(own))
                .exec(mqtt("publish").publish(own))
                .exec(mqtt("publish oversize").publish(own).payloadSize(OVERSIZE_BYTES))
                .exec(mqtt("publish").publish(own))
                .exec(mqtt(DRAIN).awaitDelivered().timeout(Duration.ofSeconds(3)))
                .exec(mqtt("disconnect").disconnect())
                .injectOpen(atOnceUsers(params.clients())))
                .protocols(protocol)
                .assertions(
                        details("publish oversize").successfulRequests().count().is((long) params.clients()),
                        details(DRAIN).failedRequests().count().is((long) params.clients()))
                .maxDuration(Duration.ofSeconds(60));
    }
}
