package dev.lmqharness.reports.allure;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Allure's {@code environment.properties}: keeps what the suite wrote (target, profile, auth,
 * namespace) and adds the versions of the harness, Allure and Java plus anything the caller names.
 */
public final class AllureEnvironment {

    public static final String FILE_NAME = "environment.properties";

    private AllureEnvironment() {
    }

    /** Versions of this build (from the filtered {@code versions.properties}) and of the running Java. */
    public static Map<String, String> versions() {
        Map<String, String> m = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = AllureEnvironment.class.getResourceAsStream("/dev/lmqharness/reports/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // versions are informative; the report still generates without them
        }
        m.put("harness.version", p.getProperty("harness.version", "unknown"));
        m.put("allure.version", p.getProperty("allure.version", "unknown"));
        m.put("java.version", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** Reads the file if present, puts {@code extra} over it, writes it back in key order. */
    public static Map<String, String> merge(Path resultsDir, Map<String, String> extra) throws IOException {
        Path file = resultsDir.resolve(FILE_NAME);
        Map<String, String> all = new TreeMap<>(read(file));
        extra.forEach((k, v) -> {
            if (v != null) {
                all.put(k, v);
            }
        });
        Properties p = new Properties();
        all.forEach(p::setProperty);
        Files.createDirectories(resultsDir);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "report environment");
        }
        return all;
    }

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        }
        return m;
    }
}
