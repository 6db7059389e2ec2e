package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.conformance.ConformanceSummary;
import dev.lmqharness.reports.conformance.SummaryFixtures;
import dev.lmqharness.reports.conformance.SummaryFixtures.R;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixHtmlTest {

    @TempDir
    Path dir;

    @Test
    void cellsCarryVerdictLinkAndTestsAndTextIsEscaped() throws IOException {
        ConformanceSummary a = ConformanceSummary.read(SummaryFixtures.write(dir.resolve("a"), "tcp://<host>:1883", "mqtt311",
                List.of(new R("MQTT-1", "area & more", "pass"), new R("LMQ-1", "lmq", "skip"))));
        ConformanceSummary b = ConformanceSummary.read(SummaryFixtures.write(dir.resolve("b"), "b", "mqtt311",
                List.of(new R("MQTT-1", "area & more", "fail"))));
        ComplianceMatrix m = new ComplianceMatrix(List.of(
                new BrokerColumn("alpha", a, "../alpha/index.html", Map.of("MQTT-1", "../alpha/index.html#behaviors/p/t/")),
                new BrokerColumn("beta", b, null, Map.of())));

        String html = MatrixHtml.render(m, Instant.parse("2026-01-01T00:00:00Z"), "../index.html");

        assertThat(html).contains("tcp://&lt;host&gt;:1883").doesNotContain("<host>")
                .contains("area &amp; more")
                .contains("<tr class=\"rule\" id=\"MQTT-1\" data-fail=\"1\" data-differs=\"1\">")
                .contains("data-verdict=\"pass\"")
                .contains("<a href=\"../alpha/index.html#behaviors/p/t/\">pass</a>")
                .contains("data-verdict=\"fail\" title=\"fail: test_MQTT-1(SuiteContext)\">FAIL</td>")
                .contains("title=\"skip: test_LMQ-1(SuiteContext) \u2014 applies to profile(s) [lmq]\"")
                .contains("data-verdict=\"absent\"")
                .contains("<a href=\"../index.html\">")
                .contains("1 rules judged differently");
    }

    @Test
    void unavailableBrokersAndExcludedTestsAreSaidOnThePageAndInTheJson() throws IOException {
        SummaryFixtures.write(dir.resolve("b/a/run"), "a", "mqtt311", List.of(new R("R1", "x", "pass"), new R("R2", "x", "pass")));
        SummaryFixtures.write(dir.resolve("b/m/run"), "m", "mqtt311", List.of(new R("R1", "x", "not-run"), new R("R2", "x", "pass")));
        MatrixSite.Built built = MatrixSite.build(List.of(
                        new MatrixSite.BrokerInput("a", dir.resolve("b/a/run"), null),
                        new MatrixSite.BrokerInput("moquette", dir.resolve("b/m/run"), null, null,
                                List.of(new BrokerColumn.Exclusion("WillTest.test_R1", "a will with QoS 3 wrecks <it>"))),
                        new MatrixSite.BrokerInput("mosquitto", null, null, "mosquitto is not installed", List.of())),
                dir.resolve("site"), null);

        String html = Files.readString(built.index());
        assertThat(html).contains("not run: mosquitto is not installed")
                .contains("<code>WillTest.test_R1</code> was left out of its run (a will with QoS 3 wrecks &lt;it&gt;)")
                .contains("title=\"WillTest.test_R1 not run on this broker: a will with QoS 3 wrecks &lt;it&gt;\nno wire stimulus\">not run<sup")
                .contains("data-verdict=\"not-run\" title=\"mosquitto is not installed\">not run</td>");
        String json = Files.readString(built.json());
        assertThat(json).contains("\"notRunBecause\" : \"mosquitto is not installed\"")
                .contains("\"test\" : \"WillTest.test_R1\"").contains("\"rules\" : [ \"R1\" ]")
                .contains("\"moquette\" : \"not-run\"").doesNotContain("\"mosquitto\" : \"pass\"");
    }

    @Test
    void siteWritesPageAndJsonWithRelativeReportLinks() throws IOException {
        SummaryFixtures.write(dir.resolve("runs/a"), "a", "mqtt311", List.of(new R("MQTT-1", "x", "pass")));
        Path report = Files.createDirectories(dir.resolve("site/brokers/a/allure"));
        Files.writeString(report.resolve("index.html"), "<html></html>");
        Files.createDirectories(report.resolve("data"));
        Files.writeString(report.resolve("data/behaviors.json"), """
                {"uid":"r","name":"behaviors","children":[{"name":"x","uid":"e1","children":[{"name":"MQTT-1","uid":"f1","children":[
                  {"name":"story","uid":"s1","children":[
                    {"name":"t1","uid":"u1","parentUid":"s1","status":"passed"},
                    {"name":"t2","uid":"u2","parentUid":"s1","status":"failed"}]}]}]}]}
                """);

        MatrixSite.Built built = MatrixSite.build(List.of(new MatrixSite.BrokerInput("a", dir.resolve("runs/a"), report)),
                dir.resolve("site/matrix"), null);

        assertThat(Files.readString(built.index())).contains("href=\"../brokers/a/allure/index.html#behaviors/s1/u2/\"");
        String json = Files.readString(built.json());
        assertThat(json).contains("\"report\" : \"../brokers/a/allure/index.html\"").contains("\"a\" : \"pass\"");
    }
}
