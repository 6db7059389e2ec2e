package dev.lmqharness.load.simulations;

import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.load.results.ProcessProbes;
import dev.lmqharness.load.sim.BrokerTarget;
import dev.lmqharness.load.sim.LoadParameters;
import dev.lmqharness.load.sim.LoadSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;

import static dev.lmqharness.load.gatling.Mqtt.mqtt;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Connection scale: {@code -Dclients} (10,000) mostly idle connections, connected at
 * {@code -Dconnect.rate} per second and held for {@code -Dhold} with keep-alive
 * ({@code -Dkeepalive}, 30 s) the only traffic. Ten thousand sockets on each side exceed one process's open
 * files here, so the bundled broker runs as a child process (its runnable jar); the broker's
 * resident memory is read before and at the plateau and reported per connection
 * ({@code -Dbroker.pid} gives it for an external broker). SLOs: every connect succeeds, all
 * clients connected at the plateau, connect p99 within {@code -Dslo.connect.p99.ms}.
 */
public class ConnectionScaleSimulation extends LoadSimulation {

    public ConnectionScaleSimulation() {
        super(new LoadParameters.Defaults(10_000, 0.1, Duration.ofMinutes(2), Duration.ZERO, 1, 64, 1000),
                BrokerTarget.Bundled.CHILD_PROCESS, Profile.MQTT311);
        int rate = props.integer("connect.rate", 200, 1, 100_000);
        Duration hold = props.duration("hold", params.duration());
        long connectP99 = props.longValue("slo.connect.p99.ms", 1000, 1, 3_600_000);
        int clients = params.clients();
        Duration connectPhase = Duration.ofMillis(Math.round(clients * 1000.0 / rate));
        double baselineRss = broker.pid() > 0 ? ProcessProbes.rssBytes(broker.pid()) : -1;
        gauge("broker.rssBytes.baseline", baselineRss);

        ScenarioBuilder idle = scenario("connection-scale")
                .exec(mqtt(CONNECT).connect().keepAlive(props.integer("keepalive", 30, 1, 65535)))
                .exitHereIfFailed()
                .pause(connectPhase.plus(hold))
                .exec(mqtt("disconnect").disconnect());
        ScenarioBuilder probe = scenario("connection-scale-probe")
                .pause(connectPhase.plus(hold.dividedBy(2)))
                .exec(mqtt("plateau").check(() -> {
                    long connected = metrics.connectedClients();
                    gauge("clients.atPlateau", connected);
                    Runtime rt = Runtime.getRuntime();
                    gauge("injector.heapUsedBytes.atPlateau", rt.totalMemory() - rt.freeMemory());
                    if (broker.pid() > 0) {
                        double rss = ProcessProbes.rssBytes(broker.pid());
                        gauge("broker.rssBytes.atPlateau", rss);
                        if (connected > 0 && baselineRss > 0) {
                            double perConnection = (rss - baselineRss) / connected;
                            gauge("broker.bytesPerConnection", perConnection);
                            System.out.printf("lmq-load scale: %d connections, broker RSS %.1f MiB (baseline %.1f MiB), %.0f bytes per connection%n",
                                    connected, rss / 1048576, baselineRss / 1048576, perConnection);
                        }
                    }
                    return connected >= clients ? null : "only " + connected + " of " + clients + " clients connected at the plateau";
                }));
        setUp(idle.injectOpen(rampUsers(clients).during(connectPhase)),
                probe.injectOpen(atOnceUsers(1)))
                .protocols(protocol.keepAlive(props.integer("keepalive", 30, 0, 65535)))
                .assertions(noFailures(CONNECT),
                        p99Below(CONNECT, "connect", connectP99),
                        noFailures("plateau"))
                .maxDuration(maxDuration(connectPhase.plus(hold)));
    }
}
