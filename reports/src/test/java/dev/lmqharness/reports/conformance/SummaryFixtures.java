package dev.lmqharness.reports.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes conformance summaries in the suite's file format for the tests. */
public final class SummaryFixtures {

    private SummaryFixtures() {
    }

    /** One rule: id, area, status; a test named after the rule unless the status is not-run/not-covered. */
    public record R(String id, String area, String status) {
    }

    public static Path write(Path dir, String target, String profile, List<R> rules) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", target);
        root.put("profile", profile);
        root.put("namespace", "ns1");
        root.put("startedAt", "2026-01-01T00:00:00Z");
        root.put("finishedAt", "2026-01-01T00:01:00Z");
        Map<String, Integer> totals = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (R r : rules) {
            totals.merge(r.status(), 1, Integer::sum);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.id());
            e.put("kind", r.id().startsWith("LMQ") ? "lmq" : "mqtt");
            e.put("area", r.area());
            e.put("title", "title of " + r.id());
            e.put("status", r.status());
            List<Map<String, Object>> tests = new ArrayList<>();
            if (!r.status().startsWith("not-")) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("test", "test_" + r.id() + "(SuiteContext)");
                t.put("status", r.status());
                t.put("reason", r.status().equals("skip") ? "applies to profile(s) [lmq]" : null);
                tests.add(t);
            } else {
                e.put("reason", "no wire stimulus");
            }
            e.put("tests", tests);
            list.add(e);
        }
        root.put("totals", totals);
        root.put("rules", list);
        Files.createDirectories(dir);
        Path f = dir.resolve(ConformanceSummary.FILE_NAME);
        new ObjectMapper().writeValue(f.toFile(), root);
        return f;
    }
}
