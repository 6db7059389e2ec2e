package dev.lmqharness.reports.load;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A load run's {@code summary.json} as the load module writes it (schema 1, its {@code RunSummary}):
 * parameters, counters that add across shards, latency percentiles in microseconds per measurement,
 * and each injector's own figures. {@code slos} is optional: when a run states its SLO outcomes they
 * are taken as stated. Unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadSummary(int schema, String simulation, String target, Map<String, String> parameters,
                          long startedAtMillis, long endedAtMillis, Map<String, Long> counters,
                          Map<String, Latency> latencies, List<Shard> shards, List<StatedSlo> slos) {

    public static final int SCHEMA = 1;
    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public LoadSummary {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        counters = counters == null ? Map.of() : Map.copyOf(counters);
        latencies = latencies == null ? Map.of() : Map.copyOf(latencies);
        shards = shards == null ? List.of() : List.copyOf(shards);
        slos = slos == null ? List.of() : List.copyOf(slos);
    }

    /** Percentiles of one measurement, microseconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Latency(long count, long min, double mean, long p50, long p90, long p99, long p999, long p9999, long max) {
    }

    /** One injector's own figures. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shard(int index, int count, String host, long startedAtMillis, long endedAtMillis, double cpuSeconds,
                        long peakClients, boolean brokerInProcess, Map<String, Double> gauges, Map<String, Object> notes) {
        public Shard {
            gauges = gauges == null ? Map.of() : Map.copyOf(gauges);
            notes = notes == null ? Map.of() : Map.copyOf(notes);
        }
    }

    /** An SLO outcome the run states itself. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatedSlo(String name, boolean passed, String actual, String bound) {
    }

    public static LoadSummary read(Path file) throws IOException {
        LoadSummary s;
        try {
            s = JSON.readValue(file.toFile(), LoadSummary.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a load summary: " + e.getMessage(), e);
        }
        if (s.schema() != SCHEMA) {
            throw new IOException(file + ": summary schema " + s.schema() + " is not the supported " + SCHEMA);
        }
        if (s.simulation() == null) {
            throw new IOException(file + ": no simulation name");
        }
        return s;
    }

    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    public Optional<Long> longParameter(String key) {
        try {
            return parameter(key).map(String::trim).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int qos() {
        return longParameter("qos").map(Long::intValue).orElse(-1);
    }

    /**
     * The fleet the run reached: the injectors' peak clients added up; when they did not report
     * it, the configured {@code clients} per injector. (A ramp's {@code clients} is only an upper bound.)
     */
    public long fleetSize() {
        long peak = shards.stream().mapToLong(Shard::peakClients).sum();
        if (peak > 0) {
            return peak;
        }
        return longParameter("clients").map(c -> c * Math.max(1, shards.size())).orElse(0L);
    }

    /** The end-to-end latency of the run's QoS ({@code e2e.qos<n>}), else any {@code e2e*} measurement. */
    public Optional<Map.Entry<String, Latency>> endToEnd() {
        String key = "e2e.qos" + qos();
        if (latencies.containsKey(key)) {
            return Optional.of(Map.entry(key, latencies.get(key)));
        }
        return latencies.entrySet().stream().filter(e -> e.getKey().startsWith("e2e")).findFirst();
    }

    public double wallSeconds() {
        return (endedAtMillis - startedAtMillis) / 1000.0;
    }
}
