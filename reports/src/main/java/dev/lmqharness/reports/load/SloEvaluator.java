package dev.lmqharness.reports.load;

import dev.lmqharness.reports.load.LoadSummary.Latency;
import dev.lmqharness.reports.load.SloCheck.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SLO checks of a load run. A run that states its outcomes ({@code slos} in the summary) is
 * taken at its word. Otherwise the checks the load README documents are evaluated from the
 * summary's own figures (HdrHistogram percentiles and exact counters): every connect succeeded,
 * each {@code slo.<measure>.p99.ms} bound holds ({@code slo.p99.ms} bounds the end-to-end latency),
 * nothing lost at QoS 1 and 2, and a ramp's largest passing fleet reaches {@code ramp.minFleet}.
 */
public final class SloEvaluator {

    static final String STATED = "stated by the run";
    static final String EVALUATED = "evaluated from summary.json";
    private static final Pattern BOUND = Pattern.compile("slo\\.(?:(.+)\\.)?p99\\.ms");

    private SloEvaluator() {
    }

    public static List<SloCheck> checks(LoadSummary s) {
        if (!s.slos().isEmpty()) {
            return s.slos().stream().map(x -> new SloCheck(x.name() + (x.bound() == null ? "" : " (bound " + x.bound() + ")"),
                    x.passed() ? Outcome.PASSED : Outcome.FAILED, x.actual(), STATED)).toList();
        }
        List<SloCheck> out = new ArrayList<>();
        if (s.counters().containsKey("connectFailures")) {
            long f = s.counters().get("connectFailures");
            out.add(new SloCheck("every connect succeeds", f == 0 ? Outcome.PASSED : Outcome.FAILED,
                    f + " failed of " + s.counters().getOrDefault("connects", 0L), EVALUATED));
        }
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(s.parameters()).entrySet()) {
            Matcher m = BOUND.matcher(p.getKey());
            if (m.matches()) {
                out.add(p99Check(s, m.group(1), p.getValue()));
            }
        }
        int qos = s.qos();
        if (qos >= 1) {
            String key = "lost.qos" + qos;
            Long lost = s.counters().get(key);
            if (lost == null) {
                out.add(new SloCheck("nothing lost at QoS " + qos, Outcome.NOT_JUDGED, "no counter " + key, EVALUATED));
            } else {
                out.add(new SloCheck("nothing lost at QoS " + qos, lost == 0 ? Outcome.PASSED : Outcome.FAILED,
                        lost + " lost of " + s.counters().getOrDefault("expected.qos" + qos, 0L) + " expected", EVALUATED));
            }
        }
        Optional<Long> minFleet = s.longParameter("ramp.minFleet");
        Optional<Long> largest = RampLevels.largestPassingFleet(s);
        if (minFleet.isPresent()) {
            out.add(largest.map(l -> new SloCheck("largest fleet within the SLO >= " + minFleet.get(),
                            l >= minFleet.get() ? Outcome.PASSED : Outcome.FAILED, l + " clients", EVALUATED))
                    .orElse(new SloCheck("largest fleet within the SLO >= " + minFleet.get(), Outcome.NOT_JUDGED,
                            "the run noted no ramp.largestPassingFleet", EVALUATED)));
        }
        return out;
    }

    private static SloCheck p99Check(LoadSummary s, String measure, String boundText) {
        String key = measure == null ? s.endToEnd().map(Map.Entry::getKey).orElse("e2e.qos" + s.qos()) : measure;
        long boundMs;
        try {
            boundMs = Long.parseLong(boundText.trim());
        } catch (NumberFormatException e) {
            return new SloCheck(key + " p99 < " + boundText + " ms", Outcome.NOT_JUDGED, "bound is not a number", EVALUATED);
        }
        String name = key + " p99 < " + boundMs + " ms";
        Latency l = s.latencies().get(key);
        if (l == null || l.count() == 0) {
            return new SloCheck(name, Outcome.NOT_JUDGED, "no " + key + " samples in the summary", EVALUATED);
        }
        // Gatling's assertion is "lt": strictly below the bound.
        boolean ok = l.p99() < boundMs * 1000;
        return new SloCheck(name, ok ? Outcome.PASSED : Outcome.FAILED, millis(l.p99()) + " over " + l.count() + " samples", EVALUATED);
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
