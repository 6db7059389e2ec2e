package dev.lmqharness.reports.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each SLO check of each load run as an Allure test result (Allure's result-file format), so the
 * compliance report lists them beside the conformance tests: epic {@code load SLO}, feature = the
 * simulation, story = the check. A breach is {@code failed} with a message starting
 * {@code SLO breached:} (its own category); a check the run has no figure for is {@code skipped}.
 * The history id depends on simulation, fleet size and check, so trends follow the same check.
 */
public final class SloAllureResults {

    public static final String EPIC = "load SLO";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SloAllureResults() {
    }

    /** Writes one result file per check; returns how many. */
    public static int write(List<LoadRun> runs, Path resultsDir) throws IOException {
        Files.createDirectories(resultsDir);
        int n = 0;
        for (LoadRun r : runs) {
            for (SloCheck c : r.slos()) {
                Map<String, Object> res = result(r, c);
                JSON.writeValue(resultsDir.resolve(res.get("uuid") + "-result.json").toFile(), res);
                n++;
            }
        }
        return n;
    }

    static Map<String, Object> result(LoadRun r, SloCheck c) {
        LoadSummary s = r.summary();
        String fleet = String.valueOf(s.fleetSize());
        String identity = s.simulation() + "|" + fleet + "|" + c.name();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("historyId", md5(identity));
        m.put("testCaseId", md5(s.simulation() + "|" + c.name()));
        m.put("name", c.name() + " [" + fleet + " clients]");
        m.put("fullName", "load." + s.simulation() + "." + c.name() + "." + fleet);
        m.put("status", switch (c.outcome()) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case NOT_JUDGED -> "skipped";
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message", switch (c.outcome()) {
            case PASSED -> "SLO met: " + c.name() + "; measured " + c.measured();
            case FAILED -> "SLO breached: " + c.name() + "; measured " + c.measured();
            case NOT_JUDGED -> "SLO not judged: " + c.measured();
        });
        m.put("statusDetails", details);
        m.put("stage", "finished");
        m.put("start", s.startedAtMillis());
        m.put("stop", Math.max(s.startedAtMillis(), s.endedAtMillis()));
        m.put("description", "Load run `" + r.id() + "` of " + s.simulation() + " against " + s.target()
                + ".\n\nCheck: " + c.name() + " (" + c.source() + ").\n\nMeasured: " + c.measured()
                + r.gatling().map(g -> "\n\nGatling report: " + g.name()).orElse(""));
        List<Map<String, String>> labels = new ArrayList<>();
        labels.add(label("epic", EPIC));
        labels.add(label("feature", s.simulation()));
        labels.add(label("story", c.name()));
        labels.add(label("suite", "load"));
        labels.add(label("subSuite", s.simulation()));
        labels.add(label("tag", "load"));
        labels.add(label("framework", "gatling"));
        m.put("labels", labels);
        List<Map<String, String>> params = new ArrayList<>();
        params.add(param("clients", fleet));
        for (String k : List.of("qos", "rate", "duration", "payload.size", "shards")) {
            s.parameter(k).ifPresent(v -> params.add(param(k, v)));
        }
        params.add(param("target", s.target()));
        m.put("parameters", params);
        m.put("links", List.of());
        m.put("steps", List.of());
        m.put("attachments", List.of());
        return m;
    }

    private static Map<String, String> label(String name, String value) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("name", name);
        l.put("value", value);
        return l;
    }

    private static Map<String, String> param(String name, String value) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("name", name);
        l.put("value", value == null ? "" : value);
        return l;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
