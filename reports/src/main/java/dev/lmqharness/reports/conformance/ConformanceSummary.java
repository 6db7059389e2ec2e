package dev.lmqharness.reports.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The suite's {@code conformance-summary.json}: the target, and every catalogue rule with its
 * verdict ({@code pass}, {@code fail}, {@code skip}, {@code not-run}, {@code not-covered}) and tests.
 * Unknown fields are ignored so a newer suite's summary still reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConformanceSummary(String target, String profile, String namespace, String targetFailure,
                                 String startedAt, String finishedAt, Map<String, Integer> totals,
                                 List<RuleResult> rules) {

    public static final String FILE_NAME = "conformance-summary.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ConformanceSummary {
        totals = totals == null ? Map.of() : Map.copyOf(totals);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** One catalogue rule and what the run made of it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleResult(String id, String kind, String area, String title, String status, String reason,
                             List<TestOutcome> tests) {
        public RuleResult {
            tests = tests == null ? List.of() : List.copyOf(tests);
        }
    }

    /** One executed test of a rule. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TestOutcome(String test, String status, String reason) {
    }

    public int total(String status) {
        return totals.getOrDefault(status, 0);
    }

    /** Reads a summary file, or the summary inside a report directory. */
    public static ConformanceSummary read(Path fileOrDir) throws IOException {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE_NAME) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new IOException("no conformance summary at " + file);
        }
        ConformanceSummary s;
        try {
            s = JSON.readValue(file.toFile(), ConformanceSummary.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a conformance summary: " + e.getMessage(), e);
        }
        if (s.rules().isEmpty()) {
            throw new IOException(file + " lists no rules");
        }
        for (RuleResult r : s.rules()) {
            if (r.id() == null || r.status() == null) {
                throw new IOException(file + ": a rule without id or status");
            }
        }
        return s;
    }
}
