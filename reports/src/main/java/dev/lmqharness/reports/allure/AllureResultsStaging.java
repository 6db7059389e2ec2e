package dev.lmqharness.reports.allure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gathers the results of one report into a fresh directory (the inputs stay as the runs left
 * them): every result, container and attachment file of each input; the first input's
 * {@code environment.properties}; never an input's own history, categories or executor, which
 * the report writes itself.
 */
public final class AllureResultsStaging {

    private static final Set<String> OWN_FILES = Set.of(AllureCategories.FILE_NAME, AllureExecutor.FILE_NAME);

    private AllureResultsStaging() {
    }

    /** Returns how many test results were gathered. */
    public static int gather(List<Path> inputs, Path staging) throws IOException {
        Files.createDirectories(staging);
        int results = 0;
        boolean environmentTaken = false;
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) {
                throw new IOException("no Allure results directory at " + in);
            }
            try (Stream<Path> files = Files.list(in)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (!Files.isRegularFile(f) || OWN_FILES.contains(name)) {
                        continue;
                    }
                    if (name.equals(AllureEnvironment.FILE_NAME)) {
                        if (environmentTaken) {
                            continue;
                        }
                        environmentTaken = true;
                    }
                    if (name.endsWith("-result.json")) {
                        results++;
                    }
                    Files.copy(f, staging.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return results;
    }
}
