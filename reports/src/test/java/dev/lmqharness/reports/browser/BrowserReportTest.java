package dev.lmqharness.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lmqharness.reports.allure.AllureCommandLine;
import dev.lmqharness.reports.allure.AllureReportBuilder;
import dev.lmqharness.reports.conformance.ConformanceSummary;
import dev.lmqharness.reports.conformance.ConformanceSummary.RuleResult;
import dev.lmqharness.reports.matrix.MatrixSite;
import dev.lmqharness.reports.site.SiteIndex;
import dev.lmqharness.reports.site.StaticSiteServer;
import dev.lmqharness.reports.site.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated pages as a person sees them: a few real conformance tests run against the
 * suite's bundled broker (profile mqtt311) and against a reference broker in profile lmq that
 * deliberately breaks LMQ-P2P-1 (the broker's fault injection); Allure's own generator makes each
 * report, the matrix is rendered, the site is served on loopback, and headless Chromium loads the
 * pages. The rule IDs and verdicts in the browser's DOM must be those of the runs' summaries, and
 * Allure must file the broken rule's failures under "Broker defect" and the profile skips under
 * theirs. Screenshots stay in {@code target/browser-test/}. Skipped where Chromium or the unpacked
 * Allure tool is missing.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BrowserReportTest {

    /** Fast classes: wire-level passes, QoS flows, and an LMQ rule (skipped under mqtt311, run under lmq). */
    private static final List<String> SUITE_CLASSES = List.of(
            "dev.lmqharness.suite.tests.errors.ProtocolViolationTest",
            "dev.lmqharness.suite.tests.qos.QosFlowTest",
            "dev.lmqharness.suite.tests.lmq.P2pTest");

    private static final String BROKEN_RULE = "LMQ-P2P-1";
    private static final Pattern MATRIX_ROW = Pattern.compile("<tr class=\"rule\" id=\"([^\"]+)\"(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern VERDICT = Pattern.compile("data-verdict=\"([a-z-]+)\"");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"#]+)(#[^\"]*)?\"");

    @Test
    void reportAndMatrixShowTheRunsRuleIdsAndVerdicts() throws Exception {
        Path artifacts = Path.of(System.getProperty("reports.artifacts", "target/browser-test")).toAbsolutePath();
        HeadlessChromium chromium = HeadlessChromium.find(artifacts.resolve("chromium")).orElse(null);
        assumeTrue(chromium != null, "no chromium here (apt-get install -y chromium): browser test skipped");
        String allureHome = System.getProperty("reports.allureHome");
        assumeTrue(allureHome != null && Files.isRegularFile(Path.of(allureHome, "bin", "allure")),
                "no unpacked allure-commandline (run through Maven): browser test skipped");
        Trees.delete(artifacts);

        Path mqtt311 = runSuite(artifacts.resolve("runs/bundled-mqtt311"), "-Dlmq.profile=mqtt311");
        // The broken rule's tests wait their full bound for deliveries that never come: a short bound keeps this quick.
        Path lmq = runSuite(artifacts.resolve("runs/lmq-broken"), "-Dsmall.lmqBreakRule=" + BROKEN_RULE, "-Dlmq.timeoutSeconds=4");
        ConformanceSummary s311 = ConformanceSummary.read(mqtt311);
        ConformanceSummary sLmq = ConformanceSummary.read(lmq);
        List<RuleResult> judged = s311.rules().stream().filter(r -> !r.tests().isEmpty()).toList();
        assertThat(judged).as("rules the small run executed").hasSizeGreaterThanOrEqualTo(5);

        assertThat(sLmq.rules()).as("the broken rule fails on the broken broker")
                .anySatisfy(r -> assertThat(r.id() + " " + r.status()).isEqualTo(BROKEN_RULE + " fail"));

        Path site = artifacts.resolve("site");
        AllureReportBuilder allure = new AllureReportBuilder(AllureCommandLine.locate(Path.of(allureHome)));
        AllureReportBuilder.Built report = allure.build(List.of(mqtt311.resolve("allure-results")), site.resolve("compliance"), null,
                artifacts.resolve("staging-mqtt311"), "browser test", Map.of("broker", "bundled-mqtt311"), null, null);
        assertThat(report.results()).isPositive();
        Path lmqReport = site.resolve("matrix/brokers/lmq-broken/allure");
        allure.build(List.of(lmq.resolve("allure-results")), lmqReport, null, artifacts.resolve("staging-lmq"),
                "lmq broken", Map.of("broker", "lmq-broken"), null, null);
        assertThat(categoryMembers(lmqReport, "Broker defect")).as("Allure's Broker defect category").isNotEmpty()
                .anySatisfy(name -> assertThat(name).containsIgnoringCase("p2p"));
        assertThat(categoryMembers(site.resolve("compliance"), "Skipped: rule outside the target's profile")).isNotEmpty();
        MatrixSite.build(List.of(
                new MatrixSite.BrokerInput("bundled-mqtt311", mqtt311, site.resolve("compliance")),
                new MatrixSite.BrokerInput("lmq-broken", lmq, lmqReport)), site.resolve("matrix"), "../index.html");
        SiteIndex.write(site);

        try (StaticSiteServer server = StaticSiteServer.start(site, 0)) {
            String allureDom = chromium.dumpDom(server.url("compliance/index.html#behaviors"));
            for (RuleResult r : judged) {
                expectAllure(r, allureStatuses(allureDom, r.id()));
            }

            String matrixDom = chromium.dumpDom(server.url("matrix/index.html"));
            Map<String, List<String>> rows = matrixRows(matrixDom);
            assertThat(rows).hasSize(s311.rules().size());
            for (RuleResult r : s311.rules()) {
                String onLmq = sLmq.rules().stream().filter(x -> x.id().equals(r.id())).findFirst().map(RuleResult::status).orElse("absent");
                assertThat(rows.get(r.id())).as("matrix row %s", r.id()).containsExactly(r.status(), onLmq);
            }
            assertThat(matrixDom).contains("bundled-mqtt311", "lmq-broken", "Allure report");

            // Every link of the matrix and the front page answers.
            Set<String> links = new LinkedHashSet<>();
            collectLinks(matrixDom, "matrix/", links);
            collectLinks(Files.readString(site.resolve("index.html")), "", links);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String link : links) {
                HttpResponse<Void> resp = http.send(HttpRequest.newBuilder(server.url(link)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(resp.statusCode()).as("GET %s", link).isEqualTo(200);
            }
            assertThat(links).anyMatch(l -> l.startsWith("compliance/index.html"));

            shoot(chromium, server.url("compliance/index.html#behaviors"), artifacts.resolve("allure-behaviors.png"));
            shoot(chromium, server.url("matrix/index.html"), artifacts.resolve("matrix.png"));
        }
    }

    /** Runs the small suite in a child JVM on this test's class path; returns its report directory. */
    private static Path runSuite(Path dir, String... options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String option = String.join(" ", options);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-Dlmq.reportDir=" + dir,
                "-Dallure.results.directory=" + dir.resolve("allure-results"), SmallSuiteRun.class.getName()));
        cmd.addAll(SUITE_CLASSES);
        Path log = dir.resolve("suite.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("small suite run (" + option + ") did not finish in 150 s; log " + log);
        }
        assertThat(p.exitValue()).as("small suite run exit, log:\n%s", Files.readString(log)).isZero();
        assertThat(dir.resolve(ConformanceSummary.FILE_NAME)).as("summary of the %s run", option).isRegularFile();
        return dir;
    }

    /** The status labels Allure shows on the behaviours node named {@code rule} (a feature = a rule ID). */
    static Set<String> allureStatuses(String dom, String rule) {
        Matcher m = Pattern.compile("<div class=\"node__name\">\\s*" + Pattern.quote(rule) + "\\s*</div>").matcher(dom);
        if (!m.find()) {
            throw new AssertionError("rule " + rule + " not shown in the Allure behaviours tree");
        }
        int end = dom.indexOf("node__children", m.end());
        String stats = dom.substring(m.end(), end < 0 ? dom.length() : end);
        Set<String> out = new LinkedHashSet<>();
        Matcher l = Pattern.compile("label_status_([a-z]+)").matcher(stats);
        while (l.find()) {
            out.add(l.group(1));
        }
        return out;
    }

    private static void expectAllure(RuleResult r, Set<String> shown) {
        String what = "Allure behaviours node of " + r.id() + " (summary: " + r.status() + ")";
        switch (r.status()) {
            case "fail" -> assertThat(shown).as(what).containsAnyOf("failed", "broken");
            case "pass" -> assertThat(shown).as(what).contains("passed").doesNotContain("failed", "broken");
            case "skip" -> assertThat(shown).as(what).containsExactly("skipped");
            default -> throw new AssertionError("unexpected summary status " + r.status());
        }
    }

    /** Names of the tests Allure's generator filed under a category (from the report's data/categories.json). */
    static List<String> categoryMembers(Path report, String category) throws IOException {
        JsonNode root = new ObjectMapper().readTree(report.resolve("data/categories.json").toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode c : root.path("children")) {
            if (c.path("name").asText().equals(category)) {
                for (JsonNode leaf : c.findParents("status")) {
                    out.add(leaf.path("name").asText());
                }
            }
        }
        return out;
    }

    static Map<String, List<String>> matrixRows(String dom) {
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        Matcher m = MATRIX_ROW.matcher(dom);
        while (m.find()) {
            List<String> v = new ArrayList<>();
            Matcher c = VERDICT.matcher(m.group(2));
            while (c.find()) {
                v.add(c.group(1));
            }
            rows.put(m.group(1), v);
        }
        return rows;
    }

    private static void collectLinks(String html, String base, Set<String> out) {
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            String href = m.group(1).replace("&amp;", "&");
            if (href.startsWith("http") || href.isEmpty()) {
                continue;
            }
            out.add(URI.create("http://h/" + base).resolve(href).getPath().substring(1));
        }
    }

    private static void shoot(HeadlessChromium chromium, URI url, Path png) throws IOException {
        chromium.screenshot(url, png, 1400, 1000);
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.read(head)).isEqualTo(8);
        }
        assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).as("PNG signature of %s", png).isEqualTo("PNG");
        assertThat(Files.size(png)).as("size of %s", png).isGreaterThan(10_000);
    }
}
