package dev.lmqharness.reports.cli;

import dev.lmqharness.reports.load.LoadSite;
import dev.lmqharness.reports.load.SloAllureResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The load page from load summaries and Gatling reports. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load runs page: table, latency over fleet size, SLO checks; Gatling reports copied beside it.")
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--results", description = "directory holding run directories with summary.json (repeatable), e.g. load/target/lmq-load")
    List<Path> results = new ArrayList<>();
    @Option(names = "--gatling", description = "directory of Gatling report directories (repeatable), e.g. load/target/gatling")
    List<Path> gatling = new ArrayList<>();
    @Option(names = "--out", required = true, description = "directory of the page")
    Path out;
    @Option(names = "--allure-results", description = "also write each SLO check as an Allure result here")
    Path allureResults;
    @Option(names = "--home", description = "link back to the site's front page")
    String home;

    @Override
    public Integer call() throws Exception {
        LoadSite.Built built = LoadSite.build(results, gatling, out, home);
        built.problems().forEach(p -> System.err.println("load: " + p));
        System.out.println("load page: " + built.index().toAbsolutePath() + " (" + built.runs().size() + " runs, "
                + built.gatlingReports() + " Gatling reports)");
        if (allureResults != null) {
            int n = SloAllureResults.write(built.runs(), allureResults);
            System.out.println("SLO results: " + n + " in " + allureResults.toAbsolutePath());
        }
        return 0;
    }
}
