package dev.lmqharness.load.simulations;

import dev.lmqharness.load.gatling.Mqtt;
import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Fan-in: {@code -Dclients} publishers in {@code -Dfanin.groups} groups; one subscriber per group
 * receives its whole group through a wildcard ({@code .../g<k>/+}). Publishers start once their
 * sink is subscribed. SLOs as the steady fleet.
 */
public class FanInSimulation extends LoadSimulation {

    public FanInSimulation() {
        super(new LoadParameters.Defaults(500, 2, Duration.ofSeconds(60), Duration.ofSeconds(10), 1, 256, 500));
        int groups = props.integer("fanin.groups", 10, 1, params.clients());
        int shard = params.shard().index();
        long first = params.shard().first();
        String base = topic("fanin/s" + shard + "/g");

        ScenarioBuilder sinks = scenario("fanin-sink")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(s -> base + local(s, first) + "/+"))
                .exitHereIfFailed()
                .exec(mqtt(DRAIN).awaitDelivered().afterPublishers(Math.max(1, params.clients() / groups))
                        .timeout(params.ramp().plus(params.duration()).plus(params.drainTimeout()).plusSeconds(60)))
                .exec(mqtt("disconnect").disconnect());
        ScenarioBuilder publishers = scenario("fanin-publisher")
                .exec(mqtt(CONNECT).connect())
                .exitHereIfFailed()
                .exec(mqtt("await sink").awaitSubscribers(s -> topicOf(s, base, first, groups), 1))
                .during(params.duration()).on(pace(params.pace()).exec(
                        mqtt("publish").publish(s -> topicOf(s, base, first, groups))))
                .exec(mqtt("disconnect").disconnect());
        setUp(sinks.injectOpen(rampUsers(groups).during(Duration.ofSeconds(1))),
                publishers.injectOpen(rampUsers(params.clients()).during(params.ramp())))
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }

    private static long local(Session s, long first) {
        return Mqtt.clientNumber(s) - first;
    }

    private static String topicOf(Session s, String base, long first, int groups) {
        return base + (local(s, first) % groups) + "/p" + Mqtt.clientNumber(s);
    }
}
