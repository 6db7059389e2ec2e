package dev.lmqharness.reports.load;

import dev.lmqharness.reports.html.Html;
import dev.lmqharness.reports.load.LoadSummary.Latency;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static dev.lmqharness.reports.html.Html.esc;

/**
 * The load page: every run with its key figures and SLO verdicts, a link to its Gatling report and
 * summary, latency-over-fleet-size charts, and Gatling reports no summary matched.
 */
public final class LoadPage {

    private LoadPage() {
    }

    /**
     * @param gatlingHref report to its address relative to the page (null when not copied)
     * @param summaryHref run to the address of its summary relative to the page
     */
    public static String render(List<LoadRun> runs, List<GatlingReport> unmatched, Function<GatlingReport, String> gatlingHref,
                                Function<LoadRun, String> summaryHref, List<String> problems, Instant generatedAt, String homeHref) {
        StringBuilder b = new StringBuilder();
        if (homeHref != null) {
            b.append("<nav><a href=\"").append(esc(homeHref)).append("\">&larr; site</a></nav>\n");
        }
        long failed = runs.stream().filter(r -> !r.allSlosPassed()).count();
        b.append("<h1>Load runs</h1>\n<p class=\"meta\">").append(runs.size()).append(" runs, ").append(failed)
                .append(" with an SLO not met or not judged; generated ").append(esc(generatedAt))
                .append(". Latencies in ms (HdrHistogram, from each run's summary.json).</p>\n");
        if (runs.isEmpty()) {
            b.append("<p>No load results found. Run the nightly load set (<code>./mvnw -B -pl load -am verify -DskipTests -Pnightly</code>) "
                    + "or one simulation, then regenerate this page.</p>\n");
        } else {
            runTable(runs, gatlingHref, summaryHref, b);
            charts(runs, b);
            sloTable(runs, b);
        }
        if (!unmatched.isEmpty()) {
            b.append("<h2>Other Gatling reports</h2>\n<p class=\"muted\">Reports without a matching summary.json.</p>\n<ul>\n");
            for (GatlingReport g : unmatched) {
                String href = gatlingHref.apply(g);
                b.append("<li>").append(href == null ? esc(g.name()) : "<a href=\"" + esc(href) + "\">" + esc(g.name()) + "</a>").append("</li>\n");
            }
            b.append("</ul>\n");
        }
        if (!problems.isEmpty()) {
            b.append("<h2>Not read</h2>\n<ul>\n");
            problems.forEach(p -> b.append("<li>").append(esc(p)).append("</li>\n"));
            b.append("</ul>\n");
        }
        return Html.page("Load runs", CSS, b.toString());
    }

    private static void runTable(List<LoadRun> runs, Function<GatlingReport, String> gatlingHref,
                                 Function<LoadRun, String> summaryHref, StringBuilder b) {
        b.append("<h2>Runs</h2>\n<table id=\"runs\">\n<tr><th>simulation</th><th>run</th><th>started (UTC)</th><th>target</th>"
                + "<th class=\"num\">clients</th><th class=\"num\">QoS</th><th class=\"num\">msg/s per client</th><th class=\"num\">wall s</th>"
                + "<th class=\"num\">published</th><th class=\"num\">received</th><th class=\"num\">lost</th><th class=\"num\">dup</th>"
                + "<th class=\"num\">e2e p50</th><th class=\"num\">e2e p99</th><th class=\"num\">e2e max</th><th class=\"num\">connect p99</th>"
                + "<th>SLOs</th><th>reports</th></tr>\n");
        for (LoadRun r : runs) {
            LoadSummary s = r.summary();
            int q = s.qos();
            Latency e2e = s.endToEnd().map(Map.Entry::getValue).orElse(null);
            Latency connect = s.latencies().get("connect");
            b.append("<tr><td>").append(esc(s.simulation())).append("</td><td>").append(esc(shortId(r))).append("</td><td>")
                    .append(esc(Instant.ofEpochMilli(s.startedAtMillis()).toString().replace('T', ' ').replaceFirst("\\.\\d+Z$", "")))
                    .append("</td><td>").append(esc(s.target())).append("</td>")
                    .append(num(s.fleetSize())).append(num(q)).append(td(s.parameter("rate").orElse("")))
                    .append(td(String.format(Locale.ROOT, "%.0f", s.wallSeconds())))
                    .append(num(counter(s, "published", q))).append(num(counter(s, "received", q)))
                    .append(lost(counter(s, "lost", q))).append(num(counter(s, "duplicates", q)))
                    .append(ms(e2e == null ? -1 : e2e.p50())).append(ms(e2e == null ? -1 : e2e.p99())).append(ms(e2e == null ? -1 : e2e.max()))
                    .append(ms(connect == null ? -1 : connect.p99()));
            b.append("<td>");
            for (SloCheck c : r.slos()) {
                b.append("<span class=\"slo v-").append(cls(c)).append("\" title=\"").append(esc(c.name() + ": " + c.measured() + " (" + c.source() + ")"))
                        .append("\">").append(c.passed() ? "&#10003;" : c.outcome() == SloCheck.Outcome.FAILED ? "&#10007;" : "?").append("</span>");
            }
            b.append("</td><td>");
            String g = r.gatling().map(gatlingHref).orElse(null);
            if (g != null) {
                b.append("<a href=\"").append(esc(g)).append("\">Gatling</a> ");
            }
            b.append("<a href=\"").append(esc(summaryHref.apply(r))).append("\">summary.json</a></td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void charts(List<LoadRun> runs, StringBuilder b) {
        Map<String, String> bySim = FleetCharts.bySimulation(runs);
        Map<String, String> ramps = FleetCharts.ramps(runs);
        if (bySim.isEmpty() && ramps.isEmpty()) {
            return;
        }
        b.append("<h2>Latency over fleet size</h2>\n<div class=\"charts\">\n");
        bySim.values().forEach(b::append);
        ramps.values().forEach(b::append);
        b.append("</div>\n");
    }

    private static void sloTable(List<LoadRun> runs, StringBuilder b) {
        b.append("<h2>SLO checks</h2>\n<table id=\"slos\">\n<tr><th>simulation</th><th>run</th><th>check</th><th>verdict</th><th>measured</th><th>source</th></tr>\n");
        for (LoadRun r : runs) {
            for (SloCheck c : r.slos()) {
                b.append("<tr><td>").append(esc(r.summary().simulation())).append("</td><td>").append(esc(shortId(r))).append("</td><td>")
                        .append(esc(c.name())).append("</td><td class=\"v-").append(cls(c)).append("\">").append(esc(verdict(c)))
                        .append("</td><td>").append(esc(c.measured())).append("</td><td class=\"muted\">").append(esc(c.source())).append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
    }

    /** The run's id without its simulation's name in front (the load module names runs {@code <Simulation>-<time>-shard<i>of<n>}). */
    static String shortId(LoadRun r) {
        String prefix = r.summary().simulation() + "-";
        return r.id().startsWith(prefix) && r.id().length() > prefix.length() ? r.id().substring(prefix.length()) : r.id();
    }

    static String verdict(SloCheck c) {
        return switch (c.outcome()) {
            case PASSED -> "met";
            case FAILED -> "NOT MET";
            case NOT_JUDGED -> "not judged";
        };
    }

    private static String cls(SloCheck c) {
        return switch (c.outcome()) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case NOT_JUDGED -> "skip";
        };
    }

    private static long counter(LoadSummary s, String name, int qos) {
        Long v = s.counters().get(name + ".qos" + qos);
        return v == null ? -1 : v;
    }

    private static String td(String s) {
        return "<td class=\"num\">" + esc(s) + "</td>";
    }

    private static String num(long v) {
        return td(v < 0 ? "" : String.format(Locale.ROOT, "%,d", v));
    }

    private static String lost(long v) {
        return v > 0 ? "<td class=\"num v-fail\">" + String.format(Locale.ROOT, "%,d", v) + "</td>" : num(v);
    }

    private static String ms(long micros) {
        return td(micros < 0 ? "" : String.format(Locale.ROOT, "%.1f", micros / 1000.0));
    }

    private static final String CSS = """
            .slo { display: inline-block; min-width: 1.2em; text-align: center; margin-right: 2px; border-radius: 3px; }
            .charts svg { border: 1px solid #eee; margin: 0 1rem 1rem 0; background: #fff; }
            """;
}
