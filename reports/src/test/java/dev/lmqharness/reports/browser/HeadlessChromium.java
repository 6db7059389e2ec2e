package dev.lmqharness.reports.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven from its command line: the DOM after scripts ran
 * ({@code --dump-dom}) and screenshots. Each call is a fresh browser with a throw-away profile,
 * no network beyond the given (loopback) address, and a bound on its run time.
 */
final class HeadlessChromium {

    private static final Duration BOUND = Duration.ofSeconds(90);
    /** Virtual time the page may use before the DOM is taken: Allure renders after loading its data. */
    private static final int SCRIPT_BUDGET_MS = 15_000;

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** {@code -Dchromium=PATH} or {@code CHROMIUM} (a path or a name on the PATH), else chromium or chromium-browser on the PATH. */
    static Optional<HeadlessChromium> find(Path work) {
        List<String> candidates = new ArrayList<>();
        if (System.getProperty("chromium") != null) {
            candidates.add(System.getProperty("chromium"));
        }
        if (System.getenv("CHROMIUM") != null) {
            candidates.add(System.getenv("CHROMIUM"));
        }
        candidates.add("chromium");
        candidates.add("chromium-browser");
        return candidates.stream().map(HeadlessChromium::resolve).filter(Files::isExecutable).findFirst()
                .map(b -> new HeadlessChromium(b, work));
    }

    /** A path as given, or a bare name looked up on the PATH. */
    private static Path resolve(String name) {
        if (name.contains("/")) {
            return Path.of(name);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return Path.of("/nonexistent", name);
    }

    String dumpDom(URI url) throws IOException {
        Path out = work.resolve("dom-" + System.nanoTime() + ".html");
        run(out, List.of("--virtual-time-budget=" + SCRIPT_BUDGET_MS, "--dump-dom", url.toString()));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    void screenshot(URI url, Path png, int width, int height) throws IOException {
        Files.deleteIfExists(png);
        Path log = work.resolve("shot-" + System.nanoTime() + ".txt");
        run(log, List.of("--virtual-time-budget=" + SCRIPT_BUDGET_MS, "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url.toString()));
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot " + png + ": " + Files.readString(log));
        }
    }

    private void run(Path stdout, List<String> args) throws IOException {
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work, "profile-");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path err = work.resolve("chromium-stderr-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish within " + BOUND + ": " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(err));
        }
    }
}
