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
 * taken at its word. A run that names its Gatling assertions (parameter {@code slo.assertions}:
 * {@code no-failures:<request>} and {@code p99:<measure><<bound ms>}, separated by {@code ;}) gets
 * exactly one check per assertion, judged from the summary's figures (counter
 * {@code failed.<request>}, the HdrHistogram {@code <measure>}), plus "nothing lost" at QoS 1 and 2.
 * Older summaries get the checks the load README documents, from the same figures: every connect
 * succeeded, each {@code slo.<measure>.p99.ms} bound holds ({@code slo.p99.ms} bounds the end-to-end
 * latency), nothing lost, and a ramp's largest passing fleet reaches {@code ramp.minFleet}.
 */
public final class SloEvaluator {

    static final String STATED = "stated by the run";
    static final String EVALUATED = "evaluated from summary.json";
    private static final Pattern BOUND = Pattern.compile("slo\\.(?:(.+)\\.)?p99\\.ms");
    static final String ASSERTIONS = "slo.assertions";
    private static final String NO_FAILURES = "no-failures:";
    private static final Pattern P99_BELOW = Pattern.compile("p99:(.+)<\\s*(\\S+)");

    private SloEvaluator() {
    }

    public static List<SloCheck> checks(LoadSummary s) {
        if (!s.slos().isEmpty()) {
            return s.slos().stream().map(x -> new SloCheck(x.name() + (x.bound() == null ? "" : " (bound " + x.bound() + ")"),
                    x.passed() ? Outcome.PASSED : Outcome.FAILED, x.actual(), STATED)).toList();
        }
        if (s.parameters().containsKey(ASSERTIONS)) {
            List<SloCheck> out = new ArrayList<>();
            for (String a : s.parameters().get(ASSERTIONS).split(";")) {
                if (!a.isBlank()) {
                    out.add(assertion(s, a.strip()));
                }
            }
            lostCheck(s).ifPresent(out::add);
            return out;
        }
        List<SloCheck> out = new ArrayList<>();
        if (s.counters().containsKey("connectFailures") || s.counters().containsKey("connects")) {
            // The load module counts connectFailures only when one happens: with connects counted, none is zero.
            long f = s.counters().getOrDefault("connectFailures", 0L);
            out.add(new SloCheck("every connect succeeds", f == 0 ? Outcome.PASSED : Outcome.FAILED,
                    f + " failed of " + s.counters().getOrDefault("connects", 0L), EVALUATED));
        }
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(s.parameters()).entrySet()) {
            Matcher m = BOUND.matcher(p.getKey());
            if (m.matches()) {
                out.add(p99Check(s, m.group(1), p.getValue()));
            }
        }
        lostCheck(s).ifPresent(out::add);
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

    /** One named Gatling assertion, judged from the summary's figures. */
    private static SloCheck assertion(LoadSummary s, String a) {
        if (a.startsWith(NO_FAILURES)) {
            String request = a.substring(NO_FAILURES.length());
            long failed = s.counters().getOrDefault("failed." + request, 0L);
            String of = request.equals("connect") && s.counters().containsKey("connects")
                    ? " of " + s.counters().get("connects") + " connects" : "";
            return new SloCheck("no failed '" + request + "' response", failed == 0 ? Outcome.PASSED : Outcome.FAILED,
                    failed + " failed" + of, EVALUATED);
        }
        Matcher m = P99_BELOW.matcher(a);
        if (m.matches()) {
            return p99Check(s, m.group(1), m.group(2));
        }
        return new SloCheck(a, Outcome.NOT_JUDGED, "assertion of an unknown form", EVALUATED);
    }

    /** Nothing lost at the run's QoS (1 or 2), from the delivery ledger's counters. */
    private static Optional<SloCheck> lostCheck(LoadSummary s) {
        int qos = s.qos();
        if (qos < 1) {
            return Optional.empty();
        }
        String key = "lost.qos" + qos;
        Long lost = s.counters().get(key);
        if (lost == null) {
            return Optional.of(new SloCheck("nothing lost at QoS " + qos, Outcome.NOT_JUDGED, "no counter " + key, EVALUATED));
        }
        return Optional.of(new SloCheck("nothing lost at QoS " + qos, lost == 0 ? Outcome.PASSED : Outcome.FAILED,
                lost + " lost of " + s.counters().getOrDefault("expected.qos" + qos, 0L) + " expected", EVALUATED));
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
