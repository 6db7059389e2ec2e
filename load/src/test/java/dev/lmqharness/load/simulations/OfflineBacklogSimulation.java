package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Offline backlog drain (RULES.md LMQ-QOS-1, LMQ-OFF-1): persistent sessions (QoS 1,
 * cleanSession=false) subscribe and go offline; publishers queue {@code -Dbacklog.messages} for each;
 * then all sessions come back at once and drain. Phases run one after the other. Measures "drain"
 * (reconnect to last queued message). SLOs: nothing lost, drain p99 within {@code -Dslo.drain.p99.ms}.
 */
public class OfflineBacklogSimulation extends LoadSimulation {

    public OfflineBacklogSimulation() {
        super(new LoadParameters.Defaults(200, 20, Duration.ZERO, Duration.ofSeconds(10), 1, 256, 10_000));
        int messages = props.integer("backlog.messages", 100, 1, 10_000_000);
        long drainP99 = props.longValue("slo.drain.p99.ms", params.sloP99Millis(), 1, 3_600_000);
        String id = "GID_lmqload@@@backlog-#{mqttClientNumber}";
        String t = topic("backlog/#{mqttClientNumber}");

        ScenarioBuilder prime = scenario("backlog-prime")
                .exec(mqtt(CONNECT).connect().clientId(id).cleanSession(false))
                .exec(mqtt("subscribe").subscribe(t).qos(1))
                .exec(mqtt("disconnect").disconnect());
        // Publisher k publishes to subscriber k's topic (same numbering, its own client IDs).
        ScenarioBuilder publish = scenario("backlog-publish")
                .exec(mqtt(CONNECT).connect())
                .exitHereIfFailed()
                .exec(repeat(messages).on(pace(params.pace()).exec(mqtt("publish").publish(t).qos(1))))
                .exec(mqtt("disconnect").disconnect());
        ScenarioBuilder drain = scenario("backlog-drain")
                .exec(mqtt(CONNECT).connect().clientId(id).cleanSession(false))
                .exec(mqtt(DRAIN).awaitDelivered().afterPublishers(1).timeout(params.drainTimeout()))
                .exec(mqtt("disconnect").disconnect())
                .exec(mqtt("cleanup").connect().cleanSession(true))
                .exec(mqtt("disconnect").disconnect());
        setUp(prime.injectOpen(rampUsers(params.clients()).during(params.ramp()))
                .andThen(publish.injectOpen(rampUsers(params.clients()).during(params.ramp()))
                        .andThen(drain.injectOpen(atOnceUsers(params.clients())))))
                .protocols(protocol)
                .assertions(noFailures(CONNECT),
                        noFailures(DRAIN),
                        p99Below(DRAIN, "drain", drainP99))
                .maxDuration(maxDuration(params.ramp().multipliedBy(2).plus(params.pace().multipliedBy(messages)).plus(params.drainTimeout())));
    }
}
