package dev.lmqharness.reports.load;

import dev.lmqharness.reports.load.LatencyChart.Point;
import dev.lmqharness.reports.load.LatencyChart.Series;
import dev.lmqharness.reports.load.LoadSummary.Latency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Latency over fleet size: per simulation, the end-to-end percentiles of its runs against their
 * fleet sizes (the latest run of each size), and per ramp run its judged levels' p99.
 */
public final class FleetCharts {

    private FleetCharts() {
    }

    /** Simulation name to SVG, for simulations with at least one run that measured end-to-end latency. */
    public static Map<String, String> bySimulation(List<LoadRun> runs) {
        Map<String, TreeMap<Long, LoadRun>> latestBySize = new LinkedHashMap<>();
        for (LoadRun r : runs) {
            if (r.summary().endToEnd().isEmpty() || !RampLevels.of(r.summary()).isEmpty()) {
                continue;
            }
            latestBySize.computeIfAbsent(r.summary().simulation(), k -> new TreeMap<>())
                    .merge(r.summary().fleetSize(), r, (a, b) -> a.summary().startedAtMillis() >= b.summary().startedAtMillis() ? a : b);
        }
        Map<String, String> out = new LinkedHashMap<>();
        latestBySize.forEach((sim, bySize) -> {
            List<Series> series = List.of(
                    series("p50", "#2e86de", bySize, Latency::p50),
                    series("p90", "#f39c12", bySize, Latency::p90),
                    series("p99", "#8e44ad", bySize, Latency::p99));
            out.put(sim, LatencyChart.svg(sim + ": end-to-end latency over fleet size", "clients", "latency (ms)",
                    series, commonBound(bySize.values())));
        });
        return out;
    }

    /** Run id to SVG, for runs that noted ramp levels. */
    public static Map<String, String> ramps(List<LoadRun> runs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (LoadRun r : runs) {
            List<RampLevels.Level> levels = RampLevels.of(r.summary());
            if (levels.isEmpty()) {
                continue;
            }
            List<Point> judged = new ArrayList<>();
            List<Point> brief = new ArrayList<>();
            for (RampLevels.Level l : levels) {
                if (Double.isNaN(l.p99Millis())) {
                    continue;
                }
                Point p = new Point(l.clients(), l.p99Millis(), l.samples() + " samples" + (l.judged() ? (l.passed() ? ", passed" : ", FAILED") : ", too few to judge"));
                (l.judged() ? judged : brief).add(p);
            }
            OptionalDouble bound = r.summary().longParameter("slo.p99.ms").map(v -> OptionalDouble.of(v)).orElse(OptionalDouble.empty());
            out.put(r.id(), LatencyChart.svg(r.summary().simulation() + " " + LoadPage.shortId(r) + ": p99 per level", "clients",
                    "p99 (ms)", List.of(new Series("judged level", "#8e44ad", judged), new Series("too few samples", "#aaaaaa", brief)), bound));
        }
        return out;
    }

    private static Series series(String name, String color, TreeMap<Long, LoadRun> bySize, ToLongFunction<Latency> f) {
        List<Point> pts = new ArrayList<>();
        bySize.forEach((size, run) -> run.summary().endToEnd().ifPresent(e ->
                pts.add(new Point(size, f.applyAsLong(e.getValue()) / 1000.0, run.id()))));
        return new Series(name, color, pts);
    }

    private static OptionalDouble commonBound(Iterable<LoadRun> runs) {
        Long bound = null;
        for (LoadRun r : runs) {
            Long b = r.summary().longParameter("slo.p99.ms").orElse(null);
            if (b == null || (bound != null && !bound.equals(b))) {
                return OptionalDouble.empty();
            }
            bound = b;
        }
        return bound == null ? OptionalDouble.empty() : OptionalDouble.of(bound);
    }
}
