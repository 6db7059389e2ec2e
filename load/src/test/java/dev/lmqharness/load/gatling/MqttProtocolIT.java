package dev.lmqharness.load.gatling;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.admin.BrokerAdmin;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.load.GatlingInProcess;
import dev.lmqharness.load.results.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT protocol's actions and Gatling integration, run for real against a broker. Results go to
 * {@code target/lmq-load-it}, not {@code target/lmq-load}: the reports read the latter as load
 * results, and the dropped-message run fails its loss SLO on purpose.
 */
class MqttProtocolIT {

    @Test
    @Timeout(180)
    void actionsBehaveAsTheirAssertionsSay() throws IOException {
        Path results = Path.of("target", "lmq-load-it", "features-it");
        int status = GatlingInProcess.run(ProtocolFeaturesSimulation.class, Path.of("target", "gatling"),
                Map.of("results.dir", results.toString()));
        assertThat(status).as("Gatling status (2 = an assertion failed)").isZero();
        RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
        // 5 echo users x 3 messages, plus 10 for the late subscriber, who must not leave before they came.
        assertThat(s.counter("published.qos1")).isEqualTo(25);
        assertThat(s.counter("received.qos1")).isEqualTo(25);
        assertThat(s.counter("lost.qos1")).isZero();
    }

    /**
     * A message the broker acknowledges and never delivers (LMQ-MSG-1: oversize, discarded) is
     * lost in the ledger and fails the drain, however the accounting waits for acknowledgements.
     */
    @Test
    @Timeout(120)
    void aMessageTheBrokerAcceptsButNeverDeliversIsLost() throws IOException {
        Path results = Path.of("target", "lmq-load-it", "dropped-it");
        int status = GatlingInProcess.run(DroppedMessageSimulation.class, Path.of("target", "gatling"),
                Map.of("results.dir", results.toString()));
        assertThat(status).as("Gatling status (2 = an assertion failed)").isZero();
        RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
        assertThat(s.counter("published.qos1")).isEqualTo(9);
        assertThat(s.counter("expected.qos1")).isEqualTo(9);
        assertThat(s.counter("received.qos1")).isEqualTo(6);
        assertThat(s.counter("lost.qos1")).isEqualTo(3);
        assertThat(s.counter("gaps.qos1")).as("each user's lost message is inside its stream").isEqualTo(3);
    }

    /** The four transports of LMQ-NET-1, each carrying a short QoS 1 fleet with nothing lost. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(180)
    void everyTransportCarriesTheLoad(Transport transport) throws IOException {
        ReferenceBroker broker = ReferenceBroker.builder().tcpPort(-1).tlsPort(0).wsPort(0).wssPort(0).inMemory().build().start();
        try {
            String scheme = switch (transport) {
                case TCP -> "tcp";
                case TLS -> "ssl";
                case WS -> "ws";
                case WSS -> "wss";
            };
            if (transport == Transport.TCP) {
                broker.stop();
                broker = ReferenceBroker.builder().tcpPort(0).inMemory().build().start();
            }
            String url = scheme + "://127.0.0.1:" + broker.port(transport) + (transport.websocket() ? "/mqtt" : "");
            Path results = Path.of("target", "lmq-load-it", "transport-it-" + scheme);
            int status = GatlingInProcess.run(dev.lmqharness.load.simulations.SmokeSimulation.class, Path.of("target", "gatling"),
                    Map.of("mqtt.url", url, "mqtt.trustAll", "true", "clients", "20", "duration", "2s", "ramp", "1s",
                            "rate", "5", "results.dir", results.toString()));
            assertThat(status).as("Gatling status over %s", url).isZero();
            RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
            assertThat(s.counter("connects")).isEqualTo(20);
            assertThat(s.counter("received.qos1")).isEqualTo(s.counter("published.qos1")).isPositive();
            assertThat(s.target()).isEqualTo(url);
        } finally {
            broker.stop();
        }
    }

    @Test
    @Timeout(120)
    void everyClientIsClosedWhenItsUserEnds() {
        ReferenceBroker broker = ReferenceBroker.builder().tcpPort(0).inMemory().build().start();
        try {
            int status = GatlingInProcess.run(AbandoningUsersSimulation.class, Path.of("target", "gatling"),
                    Map.of("mqtt.url", "tcp://127.0.0.1:" + broker.port(Transport.TCP), "clients", "10",
                            "results.dir", "target/lmq-load-it/abandon-it"));
            assertThat(status).isZero();
            BrokerAdmin admin = broker.admin().orElseThrow();
            List<String> ids = IntStream.range(0, 10).mapToObj(n -> "GID_lmqload@@@abandon-" + n).toList();
            assertThat(ids).allSatisfy(id -> assertThat(admin.clientStatus(id)).isNotNull());
            // The users ended without a disconnect action; their clients must be gone from the broker.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(ids).noneMatch(id -> admin.clientStatus(id).online()));
        } finally {
            broker.stop();
        }
    }

    @Test
    @Timeout(180)
    void throttleLimitsPublishes() throws IOException {
        Path results = Path.of("target", "lmq-load-it", "throttle-it");
        int status = GatlingInProcess.run(ThrottledPublishSimulation.class, Path.of("target", "gatling"),
                Map.of("results.dir", results.toString()));
        assertThat(status).isZero();
        RunSummary s = RunSummary.read(results.resolve(RunSummary.FILE_NAME));
        long published = s.counter("published.qos1");
        // Unthrottled, 10 clients at 100/s for 5 s publish ~5,000; at 50 requests/s about 250-300 get out.
        assertThat(published).isBetween(150L, 400L);
        assertThat(s.counter("lost.qos1")).isZero();
    }
}
