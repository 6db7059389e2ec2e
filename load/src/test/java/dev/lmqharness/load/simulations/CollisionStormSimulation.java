package dev.lmqharness.load.simulations;

import dev.lmqharness.load.gatling.Mqtt;
import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Client-ID collision storm (RULES.md LMQ-CID-4): {@code -Dclients} users share
 * {@code -Dcollision.ids} client IDs, so each newer connection must kick the older one. With
 * {@code -Dcollision.reconnect=true} kicked clients reconnect by themselves and the IDs flap for
 * the whole {@code -Dduration}. Measures "takeover" (from the newer CONNECT to the older
 * connection's loss) and connect time. SLOs: every CONNECT accepted, takeover p99 under 2 s
 * (the rule's bound, {@code -Dslo.takeover.p99.ms}).
 */
public class CollisionStormSimulation extends LoadSimulation {

    public CollisionStormSimulation() {
        super(new LoadParameters.Defaults(400, 1, Duration.ofSeconds(30), Duration.ofSeconds(20), 1, 64, 2000));
        int ids = props.integer("collision.ids", Math.max(1, params.clients() / 4), 1, params.clients());
        long takeoverP99 = props.longValue("slo.takeover.p99.ms", 2000, 1, 3_600_000);
        boolean reconnect = props.bool("collision.reconnect", false);
        long first = params.shard().first();

        ScenarioBuilder colliding = scenario("collision-storm")
                .exec(mqtt(CONNECT).connect().clientId(s ->
                        "GID_lmqload@@@collide-" + (first + (Mqtt.clientNumber(s) - first) % ids)))
                .pause(params.duration())
                .exec(mqtt("disconnect").disconnect());
        setUp(colliding.injectOpen(rampUsers(params.clients()).during(params.ramp())))
                .protocols(reconnect ? protocol.reconnect(Duration.ofMillis(500), Duration.ofSeconds(5)) : protocol)
                .assertions(noFailures(CONNECT),
                        p99Below("takeover", "takeover", takeoverP99))
                .maxDuration(maxDuration(params.ramp().plus(params.duration())));
    }
}
