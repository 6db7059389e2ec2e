package dev.lmqharness.reports.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LoadSiteTest {

    @TempDir
    Path dir;

    private static final long T0 = 1_790_000_000_000L;

    private void steady(String name, long start, int clients, long p99) throws IOException {
        LoadFixtures.write(dir.resolve("results").resolve(name), "SteadyFleetSimulation", start,
                Map.of("clients", String.valueOf(clients), "qos", "1", "rate", "20", "slo.p99.ms", "100"),
                Map.of("connects", (long) clients, "connectFailures", 0L, "published.qos1", 600L * clients,
                        "received.qos1", 600L * clients, "lost.qos1", 0L, "duplicates.qos1", 0L),
                Map.of("e2e.qos1", LoadFixtures.latency(600L * clients, p99 / 4, p99, p99 * 2)), Map.of());
    }

    private Path gatlingReport(String simulationId, long start) throws IOException {
        String stamp = LocalDateTime.ofEpochSecond(start / 1000, 0, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "123";
        Path d = Files.createDirectories(dir.resolve("gatling").resolve(simulationId + "-" + stamp));
        Files.writeString(d.resolve("index.html"), "<html>gatling " + simulationId + "</html>");
        Files.createDirectories(d.resolve("js"));
        Files.writeString(d.resolve("js/stats.js"), "var stats = {};");
        return d;
    }

    @Test
    void pageListsRunsLinksGatlingReportsAndPlotsLatencyOverFleetSize() throws Exception {
        steady("SteadyFleetSimulation-a", T0, 100, 20_000);
        steady("SteadyFleetSimulation-b", T0 + 3_600_000, 400, 150_000);
        gatlingReport("steadyfleetsimulation", T0 + 2_000);
        gatlingReport("otherSimulation".toLowerCase(), T0);
        Files.createDirectories(dir.resolve("results/broken"));
        Files.writeString(dir.resolve("results/broken/summary.json"), "{\"schema\":9,\"simulation\":\"Z\"}");

        LoadSite.Built built = LoadSite.build(List.of(dir.resolve("results")), List.of(dir.resolve("gatling")), dir.resolve("site"), "../index.html");

        assertThat(built.runs()).hasSize(2);
        assertThat(built.runs().get(0).gatling()).isPresent();
        assertThat(built.runs().get(1).gatling()).as("an hour apart: not the same run").isEmpty();
        assertThat(built.problems()).singleElement().asString().contains("schema 9");
        String html = Files.readString(built.index());
        assertThat(html).contains("SteadyFleetSimulation-a", "SteadyFleetSimulation-b")
                .contains("href=\"gatling/steadyfleetsimulation-")
                .contains("href=\"runs/SteadyFleetSimulation-a/summary.json\"")
                .contains("Other Gatling reports").contains("othersimulation-")
                .contains("e2e.qos1 p99 &lt; 100 ms").contains("NOT MET")
                .contains("<svg");
        assertThat(dir.resolve("site/gatling")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("steadyfleetsimulation-"));
        assertThat(dir.resolve("site/runs/SteadyFleetSimulation-b/summary.json")).exists();

        // The chart is well-formed SVG with one point per run and series.
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.getBytes()));
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(6);
        assertThat(svg).contains("SLO 100 ms");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("site/load-summary.json").toFile());
        assertThat(json.path("runs")).hasSize(2);
        assertThat(json.path("runs").get(1).path("slos").findValuesAsText("outcome")).contains("NOT MET");
    }

    @Test
    void sloChecksBecomeAllureResults() throws IOException {
        steady("run-1", T0, 100, 120_000);
        List<LoadRun> runs = LoadRun.scan(List.of(dir.resolve("results")), List.of(), new java.util.ArrayList<>());
        int n = SloAllureResults.write(runs, dir.resolve("allure"));
        assertThat(n).isEqualTo(runs.get(0).slos().size()).isGreaterThanOrEqualTo(3);
        ObjectMapper om = new ObjectMapper();
        List<JsonNode> results;
        try (var files = Files.list(dir.resolve("allure"))) {
            results = files.map(f -> {
                try {
                    return om.readTree(f.toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        JsonNode failed = results.stream().filter(r -> r.path("status").asText().equals("failed")).findFirst().orElseThrow();
        assertThat(failed.path("statusDetails").path("message").asText()).startsWith("SLO breached: e2e.qos1 p99 < 100 ms");
        assertThat(failed.path("labels").findValuesAsText("value")).contains(SloAllureResults.EPIC, "SteadyFleetSimulation");
        assertThat(results).extracting(r -> r.path("historyId").asText()).doesNotHaveDuplicates();
    }

    @Test
    void noResultsGiveAPageThatSaysHowToMakeThem() throws IOException {
        LoadSite.Built built = LoadSite.build(List.of(), List.of(), dir.resolve("site"), null);
        assertThat(Files.readString(built.index())).contains("No load results found").contains("-Pnightly");
    }
}
