package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.conformance.ConformanceSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One broker of the matrix: its name, its run's summary and, when its Allure report was generated,
 * the report's address relative to the matrix page and a deep link per rule ID. A broker that could
 * not be run at all (not installed, did not start) keeps its column with {@code unavailable} saying
 * why, so it is never silently dropped; tests left out of its run on purpose are its {@code exclusions}.
 *
 * @param summary     its run's summary, or null when the broker is unavailable
 * @param reportHref  link to the broker's Allure report, or null when there is none
 * @param ruleLinks   rule ID to a link into that report (a test of the rule), may be empty
 * @param unavailable why the suite could not run against this broker, or null when it ran
 * @param exclusions  tests deliberately not run against this broker, with the reason
 */
public record BrokerColumn(String name, ConformanceSummary summary, String reportHref, Map<String, String> ruleLinks,
                           String unavailable, List<Exclusion> exclusions) {

    /**
     * A test left out of a broker's run (the suite's {@code --exclude}).
     *
     * @param test   {@code SimpleClass.method}, as the suite's filter names it
     * @param reason why, shown on every cell of the test's rules
     */
    public record Exclusion(String test, String reason) {
        public Exclusion {
            if (test == null || !test.matches("[\\w$]+\\.[\\w$]+")) {
                throw new IllegalArgumentException("an excluded test is named SimpleClass.method, got '" + test + "'");
            }
            reason = reason == null || reason.isBlank() ? "left out of this broker's run" : reason.strip();
        }

        /** The method name, as the summary lists a test ({@code method(SuiteContext)}). */
        public String method() {
            return test.substring(test.lastIndexOf('.') + 1);
        }
    }

    public BrokerColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a broker needs a name");
        }
        if (summary == null && unavailable == null) {
            throw new IllegalArgumentException("broker " + name + ": a summary or the reason there is none");
        }
        ruleLinks = ruleLinks == null ? Map.of() : Map.copyOf(ruleLinks);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }

    public BrokerColumn(String name, ConformanceSummary summary, String reportHref, Map<String, String> ruleLinks) {
        this(name, summary, reportHref, ruleLinks, null, List.of());
    }

    /** A broker the suite could not run against; every cell shows "not run" with the reason. */
    public static BrokerColumn unavailable(String name, String reason) {
        return new BrokerColumn(name, null, null, Map.of(), reason == null || reason.isBlank() ? "not run" : reason.strip(), List.of());
    }

    public boolean available() {
        return summary != null;
    }

    /** Where a cell of this rule links: the rule's test in the report, else the report's behaviours tab. */
    public Optional<String> linkFor(String ruleId) {
        if (reportHref == null) {
            return Optional.empty();
        }
        return Optional.of(ruleLinks.getOrDefault(ruleId, reportHref + "#behaviors"));
    }
}
