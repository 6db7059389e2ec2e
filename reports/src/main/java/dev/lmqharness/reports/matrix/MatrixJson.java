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
 * The matrix as JSON for machines: {@code brokers} (name, target, profile, report, totals) and
 * {@code rules} (id, area, title, verdict per broker name).
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
            b.put("target", c.summary().target());
            b.put("profile", c.summary().profile());
            b.put("startedAt", c.summary().startedAt());
            if (c.summary().targetFailure() != null) {
                b.put("targetFailure", c.summary().targetFailure());
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
            for (Cell c : r.cells()) {
                verdicts.put(c.broker(), c.verdict().key());
            }
            e.put("verdicts", verdicts);
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
