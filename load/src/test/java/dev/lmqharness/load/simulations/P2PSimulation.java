package dev.lmqharness.load.simulations;

import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.load.core.ClientIdPattern;
import dev.lmqharness.load.gatling.Mqtt;
import dev.lmqharness.load.sim.BrokerTarget;
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
 * Point-to-point traffic (RULES.md LMQ-P2P-1): client k sends to client k+1 (a ring) on
 * {@code <prefix>/p2p/<clientId of k+1>}. With {@code -Dp2p.mode=native} (default) receivers only
 * listen: the broker delivers P2P messages with no subscription (the bundled broker runs the LMQ
 * profile for this). For plain MQTT brokers {@code -Dp2p.mode=subscribe} makes each client
 * subscribe to its own P2P topic. SLOs as the steady fleet.
 */
public class P2PSimulation extends LoadSimulation {

    public P2PSimulation() {
        super(new LoadParameters.Defaults(500, 20, Duration.ofSeconds(60), Duration.ofSeconds(20), 1, 256, 500),
                BrokerTarget.Bundled.IN_PROCESS, Profile.LMQ);
        ClientIdPattern ids = protocol.build().clientIds();
        int shardIndex = params.shard().index();
        String mode = props.string("p2p.mode", "native");
        if (!mode.equals("native") && !mode.equals("subscribe")) {
            throw new IllegalArgumentException("-Dp2p.mode=" + mode + " is invalid: expected native or subscribe");
        }
        int n = params.clients();
        long first = params.shard().first();
        String inbox = topic("p2p/#{mqttClientId}");
        ChainBuilder receive = mode.equals("native")
                ? exec(mqtt("listen").listen(inbox))
                : exec(mqtt("subscribe").subscribe(inbox));
        ScenarioBuilder ring = scenario("p2p")
                .exec(mqtt(CONNECT).connect())
                .exec(receive)
                .exitHereIfFailed()
                .exec(rendezVous(n)) // nobody sends before every receiver is in place
                .during(params.duration()).on(pace(params.pace()).exec(
                        mqtt("publish").publish(s -> topic("p2p/" + ids.format("p2p", shardIndex, peer(Mqtt.clientNumber(s), first, n))))))
                .exec(mqtt(DRAIN).awaitDelivered().afterPublishers(1).timeout(params.drainTimeout()))
                .exec(mqtt("disconnect").disconnect());
        setUp(ring.injectOpen(rampUsers(n).during(params.ramp())))
                .protocols(protocol)
                .assertions(deliverySlos())
                .maxDuration(maxDuration(params.ramp().plus(params.duration()).plus(params.drainTimeout())));
    }

    private static long peer(long number, long first, int n) {
        return first + (number - first + 1) % n;
    }
}
