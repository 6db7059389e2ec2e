package dev.lmqharness.reports.cli;

import dev.lmqharness.reports.conformance.ConformanceSummary;
import dev.lmqharness.reports.matrix.BrokerColumn;
import dev.lmqharness.reports.matrix.MatrixSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The compliance matrix page and JSON from several brokers' runs. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Rule x broker matrix (index.html, matrix.json). A broker directory holds conformance-summary.json "
                + "(or run/conformance-summary.json) and, if generated, its Allure report in allure/; or, for a broker the "
                + "suite could not run against, " + MatrixCommand.UNAVAILABLE + " (the reason, one line). "
                + MatrixCommand.EXCLUDED + " in it lists tests left out of its run: SimpleClass.method<TAB>reason per line.")
final class MatrixCommand implements Callable<Integer> {

    static final String UNAVAILABLE = "unavailable.txt";
    static final String EXCLUDED = "excluded.tsv";

    @Option(names = "--broker", required = true, description = "NAME=DIR, in column order (repeatable)")
    Map<String, Path> brokers = new LinkedHashMap<>();
    @Option(names = "--out", required = true, description = "directory of the page")
    Path out;
    @Option(names = "--home", description = "link back to the site's front page")
    String home;

    @Override
    public Integer call() throws Exception {
        List<MatrixSite.BrokerInput> inputs = new ArrayList<>();
        for (Map.Entry<String, Path> b : brokers.entrySet()) {
            Path dir = b.getValue();
            if (Files.isRegularFile(dir.resolve(UNAVAILABLE))) {
                String reason = Files.readString(dir.resolve(UNAVAILABLE)).strip().replaceAll("\\s+", " ");
                inputs.add(new MatrixSite.BrokerInput(b.getKey(), null, null, reason.isEmpty() ? "not run" : reason, List.of()));
                continue;
            }
            Path summary = Files.isRegularFile(dir.resolve(ConformanceSummary.FILE_NAME)) ? dir : dir.resolve("run");
            Path report = dir.resolve("allure");
            inputs.add(new MatrixSite.BrokerInput(b.getKey(), summary, Files.isDirectory(report) ? report : null, null,
                    exclusions(dir.resolve(EXCLUDED))));
        }
        MatrixSite.Built built = MatrixSite.build(inputs, out, home);
        System.out.println("matrix: " + built.index().toAbsolutePath() + " (" + built.matrix().rows().size() + " rules x "
                + built.matrix().brokers().size() + " brokers, " + built.matrix().disagreements() + " judged differently), json: "
                + built.json().toAbsolutePath());
        return 0;
    }

    /** The lines of an {@code excluded.tsv}: {@code SimpleClass.method<TAB>reason}; blank lines and # comments skipped. */
    static List<BrokerColumn.Exclusion> exclusions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<BrokerColumn.Exclusion> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            try {
                out.add(new BrokerColumn.Exclusion(parts[0].strip(), parts.length > 1 ? parts[1] : null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
