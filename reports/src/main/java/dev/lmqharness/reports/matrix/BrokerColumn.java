package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.conformance.ConformanceSummary;

import java.util.Map;
import java.util.Optional;

/**
 * One broker of the matrix: its name, its run's summary and, when its Allure report was generated,
 * the report's address relative to the matrix page and a deep link per rule ID.
 *
 * @param reportHref link to the broker's Allure report, or null when there is none
 * @param ruleLinks  rule ID to a link into that report (a test of the rule), may be empty
 */
public record BrokerColumn(String name, ConformanceSummary summary, String reportHref, Map<String, String> ruleLinks) {

    public BrokerColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a broker needs a name");
        }
        ruleLinks = ruleLinks == null ? Map.of() : Map.copyOf(ruleLinks);
    }

    /** Where a cell of this rule links: the rule's test in the report, else the report's behaviours tab. */
    public Optional<String> linkFor(String ruleId) {
        if (reportHref == null) {
            return Optional.empty();
        }
        return Optional.of(ruleLinks.getOrDefault(ruleId, reportHref + "#behaviors"));
    }
}
