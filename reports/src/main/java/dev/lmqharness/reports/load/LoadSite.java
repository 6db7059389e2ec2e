package dev.lmqharness.reports.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lmqharness.reports.site.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the load part of the site in one directory: {@code index.html}, {@code load-summary.json},
 * each run's {@code runs/<id>/summary.json}, and the Gatling reports copied under {@code gatling/}
 * so the directory can be published as it is.
 */
public final class LoadSite {

    /** What was built. */
    public record Built(Path index, List<LoadRun> runs, int gatlingReports, List<String> problems) {
    }

    private LoadSite() {
    }

    public static Built build(List<Path> resultRoots, List<Path> gatlingRoots, Path out, String homeHref) throws IOException {
        List<String> problems = new ArrayList<>();
        List<GatlingReport> gatling = GatlingReport.scan(gatlingRoots);
        List<LoadRun> runs = LoadRun.scan(resultRoots, gatling, problems);
        Files.createDirectories(out);
        for (GatlingReport g : gatling) {
            Trees.replace(g.dir(), out.resolve("gatling").resolve(g.name()));
        }
        for (LoadRun r : runs) {
            Path to = Files.createDirectories(out.resolve("runs").resolve(r.id()));
            Files.copy(r.dir().resolve(LoadSummary.FILE_NAME), to.resolve(LoadSummary.FILE_NAME),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Set<Path> matched = new HashSet<>();
        runs.forEach(r -> r.gatling().ifPresent(g -> matched.add(g.dir())));
        List<GatlingReport> unmatched = gatling.stream().filter(g -> !matched.contains(g.dir())).toList();
        Instant now = Instant.now();
        String html = LoadPage.render(runs, unmatched, g -> "gatling/" + g.name() + "/index.html",
                r -> "runs/" + r.id() + "/" + LoadSummary.FILE_NAME, problems, now, homeHref);
        Path index = out.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        writeJson(runs, now, out.resolve("load-summary.json"));
        return new Built(index, runs, gatling.size(), problems);
    }

    private static void writeJson(List<LoadRun> runs, Instant now, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", now.toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (LoadRun r : runs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.id());
            e.put("simulation", r.summary().simulation());
            e.put("target", r.summary().target());
            e.put("startedAtMillis", r.summary().startedAtMillis());
            e.put("fleetSize", r.summary().fleetSize());
            e.put("parameters", r.summary().parameters());
            r.summary().endToEnd().ifPresent(x -> e.put(x.getKey(), x.getValue()));
            e.put("gatlingReport", r.gatling().map(g -> "gatling/" + g.name() + "/index.html").orElse(null));
            List<Map<String, Object>> slos = new ArrayList<>();
            for (SloCheck c : r.slos()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("check", c.name());
                s.put("outcome", LoadPage.verdict(c));
                s.put("measured", c.measured());
                s.put("source", c.source());
                slos.add(s);
            }
            e.put("slos", slos);
            list.add(e);
        }
        root.put("runs", list);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
