package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.allure.AllureBehaviorLinks;
import dev.lmqharness.reports.conformance.ConformanceSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the matrix page ({@code index.html}) and {@code matrix.json} into one directory. */
public final class MatrixSite {

    /**
     * One broker's inputs.
     *
     * @param summary     its run's {@code conformance-summary.json} (or the directory holding it); null when unavailable
     * @param report      its generated Allure report directory, or null
     * @param unavailable why the suite could not run against the broker, or null when it ran
     * @param exclusions  tests left out of its run on purpose
     */
    public record BrokerInput(String name, Path summary, Path report, String unavailable, List<BrokerColumn.Exclusion> exclusions) {
        public BrokerInput(String name, Path summary, Path report) {
            this(name, summary, report, null, List.of());
        }
    }

    /** What was built. */
    public record Built(Path index, Path json, ComplianceMatrix matrix) {
    }

    private MatrixSite() {
    }

    public static Built build(List<BrokerInput> inputs, Path out, String homeHref) throws IOException {
        Files.createDirectories(out);
        List<BrokerColumn> columns = new ArrayList<>();
        for (BrokerInput in : inputs) {
            if (in.unavailable() != null) {
                columns.add(BrokerColumn.unavailable(in.name(), in.unavailable()));
                continue;
            }
            ConformanceSummary s = ConformanceSummary.read(in.summary());
            String href = null;
            Map<String, String> links = new LinkedHashMap<>();
            if (in.report() != null && Files.isRegularFile(in.report().resolve("index.html"))) {
                href = relative(out, in.report().resolve("index.html"));
                String base = href;
                AllureBehaviorLinks.read(in.report()).forEach((rule, route) -> links.put(rule, base + route));
            }
            columns.add(new BrokerColumn(in.name(), s, href, links, null, in.exclusions()));
        }
        ComplianceMatrix m = new ComplianceMatrix(columns);
        Instant now = Instant.now();
        Path index = out.resolve("index.html");
        Files.writeString(index, MatrixHtml.render(m, now, homeHref), StandardCharsets.UTF_8);
        Path json = out.resolve("matrix.json");
        MatrixJson.write(m, now, json);
        return new Built(index, json, m);
    }

    /** A relative link with forward slashes from the page's directory to a file. */
    static String relative(Path pageDir, Path file) {
        Path rel = pageDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }
}
