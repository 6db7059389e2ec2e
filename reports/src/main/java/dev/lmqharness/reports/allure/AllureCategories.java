package dev.lmqharness.reports.allure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code categories.json} into a results directory: a failed assertion is a broker defect,
 * an exception or timeout in the harness is a harness error, a refused connection is an unreachable
 * target, and skips are told apart by their reason (missing capability, other profile, other).
 */
public final class AllureCategories {

    public static final String FILE_NAME = "categories.json";
    private static final String RESOURCE = "/dev/lmqharness/reports/allure-categories.json";

    private AllureCategories() {
    }

    public static void write(Path resultsDir) throws IOException {
        try (InputStream in = AllureCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the reports jar");
            }
            Files.createDirectories(resultsDir);
            Files.copy(in, resultsDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The categories file's text, e.g. for tests. */
    public static String text() {
        try (InputStream in = AllureCategories.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
