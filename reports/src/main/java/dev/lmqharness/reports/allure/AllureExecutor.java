package dev.lmqharness.reports.allure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code executor.json}: names the run, so the trend charts label each build and link to its report. */
public final class AllureExecutor {

    public static final String FILE_NAME = "executor.json";

    private AllureExecutor() {
    }

    /**
     * @param buildUrl  link to the CI run, or null
     * @param reportUrl where this report will be published, or null
     */
    public static void write(Path resultsDir, String reportName, int buildOrder, String buildName, String buildUrl,
                             String reportUrl) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "lmq-harness");
        m.put("type", "lmq-harness");
        m.put("reportName", reportName);
        m.put("buildOrder", buildOrder);
        m.put("buildName", buildName);
        if (buildUrl != null) {
            m.put("buildUrl", buildUrl);
        }
        if (reportUrl != null) {
            m.put("reportUrl", reportUrl);
        }
        Files.createDirectories(resultsDir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(resultsDir.resolve(FILE_NAME).toFile(), m);
    }
}
