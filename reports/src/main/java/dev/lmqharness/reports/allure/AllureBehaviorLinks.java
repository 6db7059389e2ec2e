package dev.lmqharness.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep links into a generated Allure report: for each feature (the suite's rule ID) the route of
 * its most telling test in the Behaviors tab ({@code #behaviors/<parent>/<test>/}), a failed or
 * broken one first, so a matrix cell opens the test behind its verdict.
 */
public final class AllureBehaviorLinks {

    private static final List<String> PREFERENCE = List.of("failed", "broken", "passed", "unknown", "skipped");

    private AllureBehaviorLinks() {
    }

    /** Feature name to route (without the page), from the report's {@code data/behaviors.json}; empty if absent. */
    public static Map<String, String> read(Path report) throws IOException {
        Path file = report.resolve("data").resolve("behaviors.json");
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode epic : root.path("children")) {
            for (JsonNode feature : epic.path("children")) {
                if (!feature.has("children")) {
                    continue; // a test without a feature label sits directly under its epic
                }
                JsonNode best = best(feature, null);
                String name = feature.path("name").asText();
                if (best != null && (!out.containsKey(name) || rank(best) == 0)) {
                    out.put(name, "#behaviors/" + best.path("parentUid").asText() + "/" + best.path("uid").asText() + "/");
                }
            }
        }
        return out;
    }

    private static JsonNode best(JsonNode node, JsonNode sofar) {
        if (!node.has("children")) {
            return sofar == null || rank(node) < rank(sofar) ? node : sofar;
        }
        JsonNode b = sofar;
        for (JsonNode c : node.path("children")) {
            b = best(c, b);
        }
        return b;
    }

    private static int rank(JsonNode leaf) {
        int i = PREFERENCE.indexOf(leaf.path("status").asText());
        return i < 0 ? PREFERENCE.size() : i;
    }
}
