package dev.lmqharness.reports.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lmqharness.reports.html.Html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static dev.lmqharness.reports.html.Html.esc;

/**
 * The site's front page: links to the parts present under the site directory ({@code compliance/}
 * Allure report, {@code matrix/}, {@code load/}) with a line of figures for each.
 */
public final class SiteIndex {

    public static final String COMPLIANCE = "compliance";
    public static final String MATRIX = "matrix";
    public static final String LOAD = "load";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteIndex() {
    }

    public static Path write(Path site) throws IOException {
        StringBuilder b = new StringBuilder("<h1>LMQ harness reports</h1>\n<p class=\"meta\">generated ")
                .append(esc(Instant.now())).append("</p>\n<ul class=\"parts\">\n");
        int parts = 0;
        if (Files.isRegularFile(site.resolve(COMPLIANCE).resolve("index.html"))) {
            parts++;
            b.append("<li><a href=\"").append(COMPLIANCE).append("/index.html\">Compliance report</a> (Allure): ")
                    .append(esc(complianceLine(site.resolve(COMPLIANCE)))).append("</li>\n");
        }
        if (Files.isRegularFile(site.resolve(MATRIX).resolve("index.html"))) {
            parts++;
            b.append("<li><a href=\"").append(MATRIX).append("/index.html\">Compliance matrix</a>: ")
                    .append(esc(matrixLine(site.resolve(MATRIX)))).append(" (<a href=\"").append(MATRIX).append("/matrix.json\">JSON</a>)</li>\n");
        }
        if (Files.isRegularFile(site.resolve(LOAD).resolve("index.html"))) {
            parts++;
            b.append("<li><a href=\"").append(LOAD).append("/index.html\">Load runs</a>: ")
                    .append(esc(loadLine(site.resolve(LOAD)))).append("</li>\n");
        }
        if (parts == 0) {
            b.append("<li>No reports yet.</li>\n");
        }
        b.append("</ul>\n<p class=\"muted\">The Allure report loads its data over HTTP: open the site through a web server "
                + "(e.g. <code>java -jar reports/target/lmq-reports.jar serve DIR</code>), not as a file.</p>\n");
        Path index = site.resolve("index.html");
        Files.createDirectories(site);
        Files.writeString(index, Html.page("LMQ harness reports", "ul.parts li { margin: .5rem 0; }\n", b.toString()), StandardCharsets.UTF_8);
        return index;
    }

    static String complianceLine(Path report) {
        try {
            JsonNode s = JSON.readTree(report.resolve("widgets").resolve("summary.json").toFile()).path("statistic");
            return s.path("total").asInt() + " tests: " + s.path("passed").asInt() + " passed, " + s.path("failed").asInt()
                    + " failed, " + s.path("broken").asInt() + " broken, " + s.path("skipped").asInt() + " skipped";
        } catch (IOException e) {
            return "(no summary)";
        }
    }

    static String matrixLine(Path matrix) {
        try {
            JsonNode m = JSON.readTree(matrix.resolve("matrix.json").toFile());
            StringBuilder b = new StringBuilder().append(m.path("rules").size()).append(" rules on ");
            int i = 0;
            for (JsonNode br : m.path("brokers")) {
                b.append(i++ == 0 ? "" : ", ").append(br.path("name").asText()).append(" (");
                // A broker that was not run has no failures to count: say so instead of "0 failing".
                b.append(br.path("run").asBoolean(true) ? br.path("totals").path("fail").asInt(0) + " failing" : "not run").append(")");
            }
            return b.toString();
        } catch (IOException e) {
            return "(no matrix.json)";
        }
    }

    static String loadLine(Path load) {
        try {
            JsonNode l = JSON.readTree(load.resolve("load-summary.json").toFile());
            int runs = l.path("runs").size();
            int notMet = 0;
            for (JsonNode r : l.path("runs")) {
                for (JsonNode s : r.path("slos")) {
                    if (!"met".equals(s.path("outcome").asText())) {
                        notMet++;
                    }
                }
            }
            return runs + " runs, " + notMet + " SLO checks not met or not judged";
        } catch (IOException e) {
            return "(no load-summary.json)";
        }
    }
}
