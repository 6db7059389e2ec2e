package dev.lmqharness.reports.allure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Allure's own command-line tool (the {@code allure-commandline} zip from Maven Central, unpacked
 * by the reports build): {@code allure generate --clean -o OUT RESULTS...}.
 */
public final class AllureCommandLine {

    private final Path home;
    private final Duration timeout;

    public AllureCommandLine(Path home, Duration timeout) {
        this.home = home;
        this.timeout = timeout;
    }

    /**
     * The unpacked tool: the given directory, else {@code -Dreports.allureHome}, else
     * {@code ALLURE_HOME}, else {@code allure/allure-<version>} beside the reports jar (where the
     * reports build unpacks it).
     */
    public static AllureCommandLine locate(Path explicitHome) {
        Path home = explicitHome;
        if (home == null && System.getProperty("reports.allureHome") != null) {
            home = Path.of(System.getProperty("reports.allureHome"));
        }
        if (home == null && System.getenv("ALLURE_HOME") != null) {
            home = Path.of(System.getenv("ALLURE_HOME"));
        }
        if (home == null) {
            home = besideJar();
        }
        if (home == null) {
            throw new IllegalArgumentException("no Allure command line given: pass --allure-home (the reports build "
                    + "unpacks it to reports/target/allure/allure-<version>) or set ALLURE_HOME");
        }
        AllureCommandLine cli = new AllureCommandLine(home, Duration.ofMinutes(10));
        if (!Files.isRegularFile(cli.executable())) {
            throw new IllegalArgumentException("no Allure command line at " + cli.executable()
                    + " (build the reports module: ./mvnw -B -q -pl reports -am package -DskipTests)");
        }
        return cli;
    }

    private static Path besideJar() {
        try {
            Path jar = Path.of(AllureCommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String version = AllureEnvironment.versions().get("allure.version");
            Path home = jar.getParent().resolve("allure").resolve("allure-" + version);
            return Files.isDirectory(home) ? home : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    public Path home() {
        return home;
    }

    public Path executable() {
        return home.resolve("bin").resolve("allure");
    }

    /** Generates the HTML report from the results directories; the tool's output goes to {@code log}. */
    public void generate(List<Path> results, Path out, String reportName, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.add("generate");
        cmd.add("--clean");
        cmd.add("-o");
        cmd.add(out.toString());
        if (reportName != null) {
            cmd.add("--name");
            cmd.add(reportName);
        }
        results.forEach(r -> cmd.add(r.toString()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (System.getenv("JAVA_HOME") == null) {
            // bin/allure finds java through JAVA_HOME or the PATH; give it the JVM this runs on.
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("allure generate did not finish within " + timeout + "; log: " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while allure generate ran", e);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(out.resolve("index.html"))) {
            throw new IOException("allure generate failed (exit " + p.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }
}
