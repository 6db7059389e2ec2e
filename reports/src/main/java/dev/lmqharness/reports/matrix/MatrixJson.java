package dev.lmqharness.reports.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lmqharness.reports.matrix.ComplianceMatrix.Cell;
import dev.lmqharness.reports.matrix.ComplianceMatrix.Row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix as JSON for machines: {@code brokers} (name, whether it was run and if not why, target,
 * profile, report, totals, tests left out) and {@code rules} (id, area, title, verdict per broker name,
 * and a note per broker where the rule was not run there on purpose).
 */
public final class MatrixJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MatrixJson() {
    }

    public static Map<String, Object> toTree(ComplianceMatrix m, Instant generatedAt) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", generatedAt.toString());
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (BrokerColumn c : m.brokers()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", c.name());
            b.put("run", c.available());
            if (c.available()) {
                b.put("target", c.summary().target());
                b.put("profile", c.summary().profile());
                b.put("startedAt", c.summary().startedAt());
                if (c.summary().targetFailure() != null) {
                    b.put("targetFailure", c.summary().targetFailure());
                }
            } else {
                b.put("notRunBecause", c.unavailable());
            }
            if (!c.exclusions().isEmpty()) {
                List<Map<String, Object>> ex = new ArrayList<>();
                for (BrokerColumn.Exclusion e : c.exclusions()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("test", e.test());
                    x.put("reason", e.reason());
                    x.put("rules", List.copyOf(ComplianceMatrix.rulesOf(e, m.brokers())));
                    ex.add(x);
                }
                b.put("excludedTests", ex);
            }
            b.put("report", c.reportHref());
            Map<String, Integer> totals = new LinkedHashMap<>();
            m.totals(c.name()).forEach((v, n) -> totals.put(v.key(), n));
            b.put("totals", totals);
            brokers.add(b);
        }
        root.put("brokers", brokers);
        root.put("disagreements", m.disagreements());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Row r : m.rows()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.id());
            e.put("kind", r.kind());
            e.put("area", r.area());
            e.put("title", r.title());
            Map<String, String> verdicts = new LinkedHashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();
            for (Cell c : r.cells()) {
                verdicts.put(c.broker(), c.verdict().key());
                if (c.note() != null) {
                    notes.put(c.broker(), c.note());
                }
            }
            e.put("verdicts", verdicts);
            if (!notes.isEmpty()) {
                e.put("notes", notes);
            }
            e.put("brokersDisagree", r.brokersDisagree());
            rules.add(e);
        }
        root.put("rules", rules);
        return root;
    }

    public static void write(ComplianceMatrix m, Instant generatedAt, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), toTree(m, generatedAt));
    }
}
