package dev.lmqharness.reports.cli;

import dev.lmqharness.reports.allure.AllureCommandLine;
import dev.lmqharness.reports.allure.AllureReportBuilder;
import dev.lmqharness.reports.load.LoadRun;
import dev.lmqharness.reports.load.SloAllureResults;
import dev.lmqharness.reports.site.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Generates one Allure HTML report from conformance results (and load SLO checks), keeping history. */
@Command(name = "allure", mixinStandardHelpOptions = true,
        description = "Allure HTML report: categories, environment with versions, history of the previous report, load SLO checks.")
final class AllureCommand implements Callable<Integer> {

    @Option(names = "--results", required = true, description = "Allure results directory (repeatable)")
    List<Path> results;
    @Option(names = "--out", required = true, description = "report directory (replaced)")
    Path out;
    @Option(names = "--history-from", description = "report whose history/ to carry over (default: --out)")
    Path historyFrom;
    @Option(names = "--no-history", description = "start a fresh history")
    boolean noHistory;
    @Option(names = "--staging", description = "directory for the gathered results (default: a temporary one, removed)")
    Path staging;
    @Option(names = "--name", defaultValue = "LMQ harness compliance report", description = "report name")
    String name;
    @Option(names = "--env", description = "extra environment.properties line key=value (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();
    @Option(names = "--load-results", description = "load results directory: each SLO check becomes a test result (repeatable)")
    List<Path> loadResults = new ArrayList<>();
    @Option(names = "--build-name", description = "name of this run in the trend (default: run <n>)")
    String buildName;
    @Option(names = "--build-url", description = "link to the CI run")
    String buildUrl;
    @Option(names = "--allure-home", description = "unpacked allure-commandline (default: -Dreports.allureHome or ALLURE_HOME)")
    Path allureHome;

    @Override
    public Integer call() throws Exception {
        AllureCommandLine cli = AllureCommandLine.locate(allureHome);
        boolean temporary = staging == null;
        Path stage = temporary ? Files.createTempDirectory("lmq-allure-") : staging;
        Path work = stage.resolve("results");
        try {
            List<Path> inputs = new ArrayList<>(results);
            if (!loadResults.isEmpty()) {
                List<String> problems = new ArrayList<>();
                List<LoadRun> runs = LoadRun.scan(loadResults, List.of(), problems);
                problems.forEach(p -> System.err.println("load results: " + p));
                Path slo = stage.resolve("slo-results");
                int n = SloAllureResults.write(runs, slo);
                System.out.println("load SLO checks: " + n + " from " + runs.size() + " runs");
                if (n > 0) {
                    inputs.add(slo);
                }
            }
            AllureReportBuilder.Built built = new AllureReportBuilder(cli).build(inputs, out,
                    noHistory ? null : historyFrom == null ? out : historyFrom, work, name, env, buildName, buildUrl);
            System.out.println("report: " + built.index().toAbsolutePath() + " (" + built.results() + " results, build "
                    + built.buildOrder() + ", history " + (built.historyCarried() ? "carried over" : "started") + ")");
            return 0;
        } finally {
            if (temporary) {
                Trees.delete(stage);
            }
        }
    }

}
