package dev.lmqharness.load.gatling;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Exercises the actions against a real broker, each outcome pinned by an assertion: expect counts
 * messages that came before it, expect times out when nothing comes, awaitSubscribers holds a
 * publisher until another scenario's subscriber is in, a refused subscription is KO, and
 * awaitDelivered sees the late subscriber's messages.
 */
public class ProtocolFeaturesSimulation extends LoadSimulation {

    public ProtocolFeaturesSimulation() {
        super(new LoadParameters.Defaults(5, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 64, 2000));
        int users = params.clients();
        String own = topic("it/echo/#{mqttClientNumber}");
        ScenarioBuilder echo = scenario("echo")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(own))
                .exec(mqtt("publish").publish(own).noWait())
                .exec(mqtt("publish").publish(own).noWait())
                .exec(mqtt("publish").publish(own))
                .exec(mqtt("expect three").expect(3).timeout(Duration.ofSeconds(10)))
                .exec(mqtt("expect nothing").expect(1).timeout(Duration.ofMillis(500)))
                .exec(mqtt(DRAIN).awaitDelivered().timeout(Duration.ofSeconds(10)))
                .exec(mqtt("disconnect").disconnect());

        String shared = topic("it/late");
        ScenarioBuilder late = scenario("late-subscriber")
                .pause(Duration.ofSeconds(1))
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe late").subscribe(shared))
                .exec(mqtt("late drain").awaitDelivered().afterPublishers(1).timeout(Duration.ofSeconds(20)))
                .exec(mqtt("disconnect").disconnect());
        ScenarioBuilder waiting = scenario("waiting-publisher")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("await subscriber").awaitSubscribers(shared, 1).timeout(Duration.ofSeconds(10)))
                .repeat(10).on(io.gatling.javaapi.core.CoreDsl.exec(mqtt("publish late").publish(shared)))
                .exec(mqtt("disconnect").disconnect());

        setUp(echo.injectOpen(atOnceUsers(users)),
                late.injectOpen(atOnceUsers(1)),
                waiting.injectOpen(nothingFor(Duration.ofMillis(100)), atOnceUsers(1)))
                .protocols(protocol)
                .assertions(
                        details(CONNECT).failedRequests().count().is(0L),
                        details("expect three").successfulRequests().count().is((long) users),
                        details("expect nothing").failedRequests().count().is((long) users),
                        details("expect nothing").responseTime().min().gte(450),
                        details(DRAIN).failedRequests().count().is(0L),
                        details("await subscriber").successfulRequests().count().is(1L),
                        details("await subscriber").responseTime().min().gte(500),
                        details("late drain").successfulRequests().count().is(1L),
                        details("publish late").successfulRequests().count().is(10L))
                .maxDuration(Duration.ofSeconds(90));
    }
}
