package dev.lmqharness.load.gatling;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/** Users that connect and subscribe, then end without disconnecting: the protocol must close their clients. */
public class AbandoningUsersSimulation extends LoadSimulation {

    public AbandoningUsersSimulation() {
        super(new LoadParameters.Defaults(10, 1, Duration.ofSeconds(1), Duration.ZERO, 1, 64, 2000));
        setUp(scenario("abandon")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(topic("it/abandon/#{mqttClientNumber}")))
                .injectOpen(atOnceUsers(params.clients())))
                .protocols(protocol)
                .assertions(details(CONNECT).successfulRequests().count().is((long) params.clients()))
                .maxDuration(Duration.ofSeconds(60));
    }
}
