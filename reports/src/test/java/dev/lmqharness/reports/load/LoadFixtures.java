package dev.lmqharness.reports.load;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Load summaries in the load module's {@code summary.json} format (schema 1) for the tests. */
final class LoadFixtures {

    private LoadFixtures() {
    }

    static Map<String, Object> latency(long count, long p50, long p99, long max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("min", 1);
        m.put("mean", p50 * 1.1);
        m.put("p50", p50);
        m.put("p90", (p50 + p99) / 2);
        m.put("p99", p99);
        m.put("p999", p99 + 1);
        m.put("p9999", max);
        m.put("max", max);
        return m;
    }

    /** A run: simulation, start, parameters, counters, latencies, shard notes. */
    static Path write(Path dir, String simulation, long startedAt, Map<String, String> params, Map<String, Long> counters,
                      Map<String, Object> latencies, Map<String, Object> notes) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", 1);
        root.put("simulation", simulation);
        root.put("target", "tcp://127.0.0.1:1883");
        root.put("parameters", params);
        root.put("startedAtMillis", startedAt);
        root.put("endedAtMillis", startedAt + 30_000);
        root.put("counters", counters);
        root.put("latencies", latencies);
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("index", 0);
        shard.put("count", 1);
        shard.put("host", "h");
        shard.put("startedAtMillis", startedAt);
        shard.put("endedAtMillis", startedAt + 30_000);
        shard.put("cpuSeconds", 3.5);
        shard.put("peakClients", Long.parseLong(params.getOrDefault("clients", "0")));
        shard.put("brokerInProcess", true);
        shard.put("gauges", Map.of());
        shard.put("notes", notes);
        root.put("shards", List.of(shard));
        Files.createDirectories(dir);
        Path f = dir.resolve("summary.json");
        new ObjectMapper().writeValue(f.toFile(), root);
        return f;
    }
}
