package dev.lmqharness.load.simulations;

import dev.lmqharness.load.gatling.Mqtt;
import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Fan-out: {@code -Dfanout.groups} topics with one publisher each and {@code -Dclients}
 * subscribers spread over them; every message reaches every subscriber of its topic. Publishers
 * start once all subscribers of their topic are in. SLOs as the steady fleet.
 */
public class FanOutSimulation extends LoadSimulation {

    public FanOutSimulation() {
        super(new LoadParameters.Defaults(1000, 10, Duration.ofSeconds(60), Duration.ofSeconds(20), 1, 256, 500));
        int groups = props.integer("fanout.groups", 10, 1, params.clients());
        int shard = params.shard().index();
        long first = params.shard().first();
        String base = topic("fanout/s" + shard + "/g");

        ScenarioBuilder subscribers = scenario("fanout-subscriber")
                .exec(mqtt(CONNECT).connect())
                .exec(mqtt("subscribe").subscribe(s -> base + ((Mqtt.clientNumber(s) - first) % groups)))
                .exitHereIfFailed()
                .exec(mqtt(DRAIN).awaitDelivered().afterPublishers(1)
                        .timeout(params.ramp().plus(params.duration()).plus(params.drainTimeout()).plusSeconds(60)))
                .exec(mqtt("disconnect").disconnect());
        ScenarioBuilder publishers = scenario("fanout-publisher")
                .exec(mqtt(CONNECT).connect())
                .exitHereIfFailed()
                .exec(mqtt("await subscribers").awaitSubscribers(s -> base + (Mqtt.clientNumber(s) - first),
                        subscribersOf(params.clients(), groups)).timeout(params.ramp().plusSeconds(60)))
                .during(params.duration()).on(pace(params.pace()).exec(
                        mqtt("publish").publish(s -> base + (Mqtt.clientNumber(s) - first))))
                .exec(mqtt("disconnect").disconnect());
        setUp(subscribers.injectOpen(rampUsers(params.clients()).during(params.ramp())),
                publishers.injectOpen(rampUsers(groups).during(Duration.ofSeconds(1))))
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }

    /** Subscribers of the smallest group (clients spread round-robin). */
    private static int subscribersOf(int clients, int groups) {
        return clients / groups;
    }
}
