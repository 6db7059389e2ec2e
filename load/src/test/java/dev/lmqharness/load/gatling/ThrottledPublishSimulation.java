package dev.lmqharness.load.gatling;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.holdFor;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.reachRps;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Ten clients that would publish 1,000 messages/s together, throttled by Gatling to 50 requests/s:
 * the MQTT actions must go through Gatling's throttler, so only about 50/s get out.
 */
public class ThrottledPublishSimulation extends LoadSimulation {

    public ThrottledPublishSimulation() {
        super(new LoadParameters.Defaults(10, 100, Duration.ofSeconds(5), Duration.ZERO, 1, 64, 5000));
        String own = topic("it/throttle/#{mqttClientNumber}");
        setUp(scenario("throttled")
                .exec(mqtt(CONNECT).connect())
                .during(params.duration()).on(pace(params.pace()).exec(mqtt("publish").publish(own)))
                .exec(mqtt("disconnect").disconnect())
                .injectOpen(atOnceUsers(params.clients())))
                .protocols(protocol)
                .throttle(reachRps(50).in(Duration.ofSeconds(1)), holdFor(Duration.ofSeconds(10)))
                .maxDuration(Duration.ofSeconds(60));
    }
}
