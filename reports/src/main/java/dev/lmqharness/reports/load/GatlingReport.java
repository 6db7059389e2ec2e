package dev.lmqharness.reports.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Gatling HTML report directory ({@code <simulation id>-<yyyyMMddHHmmssSSS>/index.html}, the
 * simulation id being the class's simple name in lower case).
 */
public record GatlingReport(Path dir, String simulationId, LocalDateTime started) {

    private static final Pattern NAME = Pattern.compile("(.+)-(\\d{17})");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    /** A report and a summary further apart than this are not the same run. */
    private static final long MATCH_WINDOW_MILLIS = 15 * 60_000L;

    public String name() {
        return dir.getFileName().toString();
    }

    /** Every report directory directly under the given roots (missing roots are skipped). */
    public static List<GatlingReport> scan(List<Path> roots) throws IOException {
        List<GatlingReport> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    Matcher m = NAME.matcher(d.getFileName().toString());
                    if (Files.isRegularFile(d.resolve("index.html")) && m.matches()) {
                        try {
                            out.add(new GatlingReport(d, m.group(1), LocalDateTime.parse(m.group(2), STAMP)));
                        } catch (DateTimeParseException e) {
                            // not a Gatling run directory
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparing(GatlingReport::started));
        return out;
    }

    /**
     * The report of a run: same simulation, started closest to the summary's start. Gatling writes
     * the stamp in the JVM's zone, so both UTC and the local zone are tried.
     */
    public static Optional<GatlingReport> match(LoadSummary run, List<GatlingReport> reports) {
        String id = run.simulation().toLowerCase(Locale.ROOT);
        GatlingReport best = null;
        long bestDiff = Long.MAX_VALUE;
        for (GatlingReport r : reports) {
            if (!r.simulationId().equals(id)) {
                continue;
            }
            for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.systemDefault())) {
                long diff = Math.abs(r.started().atZone(zone).toInstant().toEpochMilli() - run.startedAtMillis());
                if (diff < bestDiff) {
                    bestDiff = diff;
                    best = r;
                }
            }
        }
        return bestDiff <= MATCH_WINDOW_MILLIS ? Optional.ofNullable(best) : Optional.empty();
    }
}
