package dev.lmqharness.reports.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One load run on the page: its summary, where it was read from, its Gatling report (if found)
 * and its SLO checks.
 *
 * @param id unique name of the run on the site (the results directory's name)
 */
public record LoadRun(String id, Path dir, LoadSummary summary, Optional<GatlingReport> gatling, List<SloCheck> slos) {

    /** Reads every {@code summary.json} at most three levels under the roots; unreadable ones are reported, not fatal. */
    public static List<LoadRun> scan(List<Path> roots, List<GatlingReport> gatling, List<String> problems) throws IOException {
        List<LoadRun> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                problems.add("no load results directory at " + root);
                continue;
            }
            try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile()
                    && p.getFileName().toString().equals(LoadSummary.FILE_NAME))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    try {
                        LoadSummary s = LoadSummary.read(f);
                        out.add(new LoadRun(uniqueId(out, f.getParent().getFileName().toString()), f.getParent(), s,
                                GatlingReport.match(s, gatling), SloEvaluator.checks(s)));
                    } catch (IOException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
        }
        out.sort(Comparator.comparing((LoadRun r) -> r.summary().simulation()).thenComparing(r -> r.summary().startedAtMillis()));
        return out;
    }

    private static String uniqueId(List<LoadRun> runs, String base) {
        String id = base;
        int n = 2;
        while (true) {
            String candidate = id;
            if (runs.stream().noneMatch(r -> r.id().equals(candidate))) {
                return id;
            }
            id = base + "-" + n++;
        }
    }

    public boolean allSlosPassed() {
        return slos.stream().allMatch(SloCheck::passed);
    }
}
