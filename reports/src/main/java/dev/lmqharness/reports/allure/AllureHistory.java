package dev.lmqharness.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * History across runs: Allure keeps trends and each test's past verdicts in a report's
 * {@code history/}; copied into the next run's results before generating, the new report shows them.
 */
public final class AllureHistory {

    public static final String DIR = "history";

    private AllureHistory() {
    }

    /** Copies {@code previousReport/history} into {@code resultsDir/history}; false when there was none. */
    public static boolean carryOver(Path previousReport, Path resultsDir) throws IOException {
        if (previousReport == null) {
            return false;
        }
        Path from = previousReport.resolve(DIR);
        if (!Files.isDirectory(from)) {
            return false;
        }
        Path to = Files.createDirectories(resultsDir.resolve(DIR));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return true;
    }

    /** The number the next run gets in the trend: one more than the largest build order in the history. */
    public static int nextBuildOrder(Path resultsDir) {
        Path trend = resultsDir.resolve(DIR).resolve("history-trend.json");
        if (!Files.isRegularFile(trend)) {
            return 1;
        }
        try {
            JsonNode arr = new ObjectMapper().readTree(trend.toFile());
            int max = 0;
            for (JsonNode e : arr) {
                max = Math.max(max, e.path("buildOrder").asInt(0));
            }
            return Math.max(max, arr.size()) + 1;
        } catch (IOException e) {
            return 1;
        }
    }
}
