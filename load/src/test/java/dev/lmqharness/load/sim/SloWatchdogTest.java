package dev.lmqharness.load.sim;

import dev.lmqharness.load.results.RunMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SloWatchdogTest {

    /** Puts {@code clients} online and records {@code n} latencies of {@code micros} in one interval. */
    private static void level(RunMetrics m, int clients, int n, long micros) {
        while (m.connectedClients() < clients) {
            m.clientConnected();
        }
        for (int i = 0; i < n; i++) {
            m.latencies().record("e2e.qos1", micros);
        }
        m.latencies().flush();
    }

    @Test
    void largestFleetIsTheLastPassingLevelBeforeTheFirstFailure() {
        RunMetrics m = new RunMetrics();
        SloWatchdog w = new SloWatchdog(m, "e2e.qos1", 100, 50, 10);
        level(m, 100, 20, 5_000);    // 5 ms
        level(m, 200, 20, 20_000);   // 20 ms
        level(m, 300, 20, 80_000);   // 80 ms: breaks 50 ms
        level(m, 400, 20, 10_000);   // passes again, but after a failure
        assertThat(w.breached()).isTrue();
        assertThat(w.largestPassing()).isEqualTo(200);
        assertThat(w.levels()).extracting(SloWatchdog.Level::passed).containsExactly(true, true, false, true);
        m.latencies().close();
    }

    @Test
    void levelsWithTooFewSamplesAreReportedButNotJudged() {
        RunMetrics m = new RunMetrics();
        SloWatchdog w = new SloWatchdog(m, "e2e.qos1", 10, 50, 10);
        level(m, 10, 3, 900_000);    // a glimpse while clients join: not judged
        level(m, 20, 50, 1_000);
        assertThat(w.breached()).isFalse();
        assertThat(w.levels()).extracting(SloWatchdog.Level::judged).containsExactly(false, true);
        assertThat(w.largestPassing()).isEqualTo(20);
        m.latencies().close();
    }

    @Test
    void otherMeasurementsAndEmptyFleetsAreIgnored() {
        RunMetrics m = new RunMetrics();
        SloWatchdog w = new SloWatchdog(m, "e2e.qos1", 10, 50, 1);
        m.latencies().record("e2e.qos1", 999_000); // no client connected: level 0 is ignored
        m.latencies().record("ack.qos1", 999_000);
        m.latencies().flush();
        assertThat(w.levels()).isEmpty();
        assertThat(w.largestPassing()).isZero();
        m.latencies().close();
    }
}
