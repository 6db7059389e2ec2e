package dev.lmqharness.load.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardMergerTest {

    /** Writes a shard directory the way a simulation does, recording the same values into {@code union}. */
    private static void writeShard(Path dir, int index, int count, long seed, int n, Histogram union, Map<String, String> params)
            throws IOException {
        LatencyRecorders r = new LatencyRecorders();
        r.startLog(dir.resolve(RunSummary.HLOG_NAME), Duration.ofMillis(100));
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            long v = 50 + (long) (Math.abs(rnd.nextGaussian()) * 20_000 * (index + 1));
            r.record("e2e.qos1", v);
            union.recordValue(v);
        }
        r.close();
        Map<String, HistogramStats> lat = Map.of("e2e.qos1", HistogramStats.of(r.totals().get("e2e.qos1")));
        ShardReport report = new ShardReport(index, count, "host" + index, 1000L * index, 1000L * index + 60_000, 12.5,
                500, false, Map.of("broker.rssBytes.end", 1e9), Map.of());
        new RunSummary(RunSummary.SCHEMA, "SteadyFleetSimulation", "tcp://x:1883", params, 1000L * index, 1000L * index + 60_000,
                Map.of("published.qos1", (long) n, "received.qos1", (long) n - index, "lost.qos1", (long) index),
                lat, List.of(report)).write(dir.resolve(RunSummary.FILE_NAME));
    }

    private static Map<String, String> params(int shard) {
        return Map.of("clients", "500", "qos", "1", "shard", Integer.toString(shard), "shards", "3");
    }

    @Test
    void mergedHistogramEqualsTheHistogramOfAllValues(@TempDir Path tmp) throws IOException {
        Histogram union = new Histogram(LatencyRecorders.HIGHEST_MICROS, LatencyRecorders.DIGITS);
        for (int i = 0; i < 3; i++) {
            writeShard(tmp.resolve("s" + i), i, 3, 100 + i, 20_000 + i * 5000, union, params(i));
        }
        RunSummary merged = ShardMerger.merge(List.of(tmp.resolve("s2"), tmp.resolve("s0"), tmp.resolve("s1")), tmp.resolve("all"));

        HistogramStats m = merged.latencies().get("e2e.qos1");
        HistogramStats expected = HistogramStats.of(union);
        assertThat(m).isEqualTo(expected);
        assertThat(m.count()).isEqualTo(75_000);

        assertThat(merged.counter("published.qos1")).isEqualTo(75_000);
        assertThat(merged.counter("lost.qos1")).isEqualTo(3);
        assertThat(merged.shards()).extracting(ShardReport::index).containsExactly(0, 1, 2);
        assertThat(merged.parameters()).doesNotContainKey("shard").containsEntry("shards", "3");
        assertThat(merged.startedAtMillis()).isZero();
        assertThat(merged.endedAtMillis()).isEqualTo(62_000);

        // The merged directory is itself mergeable input: its log re-reads to the same totals.
        RunSummary reread = RunSummary.read(tmp.resolve("all").resolve(RunSummary.FILE_NAME));
        assertThat(reread).isEqualTo(merged);
        Map<String, Histogram> again = ShardMerger.mergeLogs(List.of(tmp.resolve("all")), tmp.resolve("again.hlog"));
        assertThat(HistogramStats.of(again.get("e2e.qos1"))).isEqualTo(expected);
    }

    @Test
    void theSameShardTwiceIsRefused(@TempDir Path tmp) throws IOException {
        Histogram ignore = new Histogram(LatencyRecorders.HIGHEST_MICROS, LatencyRecorders.DIGITS);
        writeShard(tmp.resolve("a"), 0, 3, 1, 100, ignore, params(0));
        writeShard(tmp.resolve("b"), 0, 3, 2, 100, ignore, params(0));
        assertThatThrownBy(() -> ShardMerger.merge(List.of(tmp.resolve("a"), tmp.resolve("b")), tmp.resolve("out")))
                .hasMessageContaining("shard 0 appears twice");
    }

    @Test
    void runsWithDifferentParametersAreRefused(@TempDir Path tmp) throws IOException {
        Histogram ignore = new Histogram(LatencyRecorders.HIGHEST_MICROS, LatencyRecorders.DIGITS);
        writeShard(tmp.resolve("a"), 0, 3, 1, 100, ignore, params(0));
        writeShard(tmp.resolve("b"), 1, 3, 2, 100, ignore, Map.of("clients", "999", "qos", "1", "shard", "1", "shards", "3"));
        assertThatThrownBy(() -> ShardMerger.merge(List.of(tmp.resolve("a"), tmp.resolve("b")), tmp.resolve("out")))
                .hasMessageContaining("parameter clients=999");
    }

    @Test
    void aDirectoryWithoutResultsIsNamed(@TempDir Path tmp) {
        assertThatThrownBy(() -> ShardMerger.merge(List.of(tmp), tmp.resolve("out"))).hasMessageContaining("summary.json");
    }
}
