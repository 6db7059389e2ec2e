package dev.lmqharness.load.simulations;

import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rendezVous;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Reconnect storm: a fleet of persistent-session clients (cleanSession=false, QoS 1) publishing to
 * themselves drops and re-establishes every connection at the same instant, {@code -Dstorm.cycles}
 * times, {@code -Dstorm.hold} apart. Measures connect time under the storm ("connect") and that no
 * message is lost across it. SLOs: every connect succeeds, connect p99 within
 * {@code -Dslo.connect.p99.ms}, nothing lost.
 */
public class ReconnectStormSimulation extends LoadSimulation {

    public ReconnectStormSimulation() {
        super(new LoadParameters.Defaults(1000, 2, Duration.ofSeconds(10), Duration.ofSeconds(20), 1, 128, 1000));
        int cycles = props.integer("storm.cycles", 3, 1, 1000);
        Duration hold = params.duration();
        long connectP99 = props.longValue("slo.connect.p99.ms", 5000, 1, 3_600_000);
        String t = topic("storm/#{mqttClientNumber}");

        ChainBuilder traffic = exec(mqtt("publish").publish(t));
        ChainBuilder storms = exec(session -> session);
        for (int i = 0; i < cycles; i++) {
            storms = storms
                    .during(hold).on(pace(params.pace()).exec(traffic))
                    // Everyone arrives, then everyone drops and reconnects at once.
                    .exec(rendezVous(params.clients()))
                    .exec(mqtt("disconnect").disconnect())
                    .exec(mqtt(CONNECT).connect().cleanSession(false));
        }
        ScenarioBuilder fleet = scenario("reconnect-storm")
                .exec(mqtt(CONNECT).connect().cleanSession(false))
                .exec(mqtt("subscribe").subscribe(t))
                .exitHereIfFailed()
                .exec(storms)
                .during(hold).on(pace(params.pace()).exec(traffic))
                .exec(mqtt(DRAIN).awaitDelivered().timeout(params.drainTimeout()))
                .exec(mqtt("disconnect").disconnect())
                // Leave no persistent session behind on the broker.
                .exec(mqtt("cleanup").connect().cleanSession(true))
                .exec(mqtt("disconnect").disconnect());
        setUp(fleet.injectOpen(rampUsers(params.clients()).during(params.ramp())))
                .protocols(protocol)
                .assertions(noFailures(CONNECT),
                        p99Below(CONNECT, "connect", connectP99),
                        noFailures(DRAIN))
                .maxDuration(maxDuration(params.ramp().plus(hold.multipliedBy(cycles + 1L)).plus(params.drainTimeout())));
    }
}
