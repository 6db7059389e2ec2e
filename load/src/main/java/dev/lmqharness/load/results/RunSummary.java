package dev.lmqharness.load.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON summary of a run (or of several shards merged). {@code counters} add exactly across
 * shards; {@code latencies} are computed from the HdrHistogram interval log written beside the
 * summary, so merging recomputes them from the added histograms; {@code shards} keeps each
 * injector's own figures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(int schema, String simulation, String target, Map<String, String> parameters,
                         long startedAtMillis, long endedAtMillis, Map<String, Long> counters,
                         Map<String, HistogramStats> latencies, List<ShardReport> shards) {

    public static final int SCHEMA = 1;
    public static final String FILE_NAME = "summary.json";
    public static final String HLOG_NAME = "latency.hlog";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public RunSummary {
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        counters = counters == null ? Map.of() : new TreeMap<>(counters);
        latencies = latencies == null ? Map.of() : new TreeMap<>(latencies);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    public static RunSummary read(Path file) throws IOException {
        RunSummary s = JSON.readValue(file.toFile(), RunSummary.class);
        if (s.schema() != SCHEMA) {
            throw new IOException(file + ": summary schema " + s.schema() + " is not the supported " + SCHEMA);
        }
        return s;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
