package dev.lmqharness.reports.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Allure HTML report from one or more results directories: gathers the results into a
 * staging directory, adds categories, environment (with versions) and executor, carries the
 * previous report's history over (trends and per-test history), then runs Allure's generator.
 */
public final class AllureReportBuilder {

    /** What one build made. */
    public record Built(Path report, int results, boolean historyCarried, int buildOrder) {
        public Path index() {
            return report.resolve("index.html");
        }
    }

    private final AllureCommandLine allure;

    public AllureReportBuilder(AllureCommandLine allure) {
        this.allure = allure;
    }

    /**
     * @param inputs      results directories (the suite's {@code allure-results}, SLO results, ...)
     * @param out         report directory; replaced
     * @param previous    report whose history to carry over (usually {@code out} itself), may be null
     * @param staging     empty or absent directory for the gathered results
     * @param environment extra lines for {@code environment.properties}
     */
    public Built build(List<Path> inputs, Path out, Path previous, Path staging, String reportName,
                       Map<String, String> environment, String buildName, String buildUrl) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no Allure results directories given");
        }
        if (Files.exists(staging)) {
            try (var s = Files.list(staging)) {
                if (s.findAny().isPresent()) {
                    throw new IOException("staging directory " + staging + " is not empty");
                }
            }
        }
        int results = AllureResultsStaging.gather(inputs, staging);
        if (results == 0) {
            throw new IOException("no test results in " + inputs);
        }
        AllureCategories.write(staging);
        Map<String, String> env = new java.util.LinkedHashMap<>(AllureEnvironment.versions());
        env.putAll(environment);
        AllureEnvironment.merge(staging, env);
        boolean carried = AllureHistory.carryOver(previous, staging);
        int order = AllureHistory.nextBuildOrder(staging);
        AllureExecutor.write(staging, reportName, order, buildName == null ? "run " + order : buildName, buildUrl, null);
        allure.generate(List.of(staging), out, reportName, staging.resolveSibling(staging.getFileName() + ".log"));
        return new Built(out, results, carried, order);
    }
}
