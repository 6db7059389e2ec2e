package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.conformance.ConformanceSummary.RuleResult;
import dev.lmqharness.reports.conformance.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rule x broker. Rows follow the catalogue order of the first broker that lists a rule; a rule
 * missing from a broker's summary (another suite version) shows as {@link Verdict#ABSENT}. A broker
 * that could not be run shows {@link Verdict#NOT_RUN} in every cell, and so does every rule of a test
 * left out of a broker's run (unless another test of the rule failed there): never a pass the run
 * did not earn. An excluded test's rules are found through the brokers that did run it.
 */
public final class ComplianceMatrix {

    /** One rule and its verdict on every broker, in column order. */
    public record Row(String id, String kind, String area, String title, List<Cell> cells) {

        /** True when brokers that judged the rule (pass or fail) disagree. */
        public boolean brokersDisagree() {
            return cells.stream().map(Cell::verdict).filter(v -> v == Verdict.PASS || v == Verdict.FAIL)
                    .distinct().count() > 1;
        }

        public boolean anyFails() {
            return cells.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
        }
    }

    /**
     * One broker's verdict on one rule, with the tests behind it.
     *
     * @param note why the rule was not (fully) run on this broker, or null
     */
    public record Cell(String broker, Verdict verdict, RuleResult result, Optional<String> link, String note) {
    }

    private final List<BrokerColumn> brokers;
    private final List<Row> rows;

    public ComplianceMatrix(List<BrokerColumn> brokers) {
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("a matrix needs at least one broker");
        }
        long names = brokers.stream().map(BrokerColumn::name).distinct().count();
        if (names != brokers.size()) {
            throw new IllegalArgumentException("broker names must be unique: " + brokers.stream().map(BrokerColumn::name).toList());
        }
        if (brokers.stream().noneMatch(BrokerColumn::available)) {
            throw new IllegalArgumentException("no broker of the matrix was run: " + brokers.stream()
                    .map(b -> b.name() + " (" + b.unavailable() + ")").toList());
        }
        this.brokers = List.copyOf(brokers);
        this.rows = buildRows(this.brokers);
    }

    private static List<Row> buildRows(List<BrokerColumn> brokers) {
        Map<String, RuleResult> first = new LinkedHashMap<>();
        List<Map<String, RuleResult>> byBroker = new ArrayList<>();
        for (BrokerColumn b : brokers) {
            Map<String, RuleResult> m = new LinkedHashMap<>();
            if (b.available()) {
                for (RuleResult r : b.summary().rules()) {
                    m.put(r.id(), r);
                    first.putIfAbsent(r.id(), r);
                }
            }
            byBroker.add(m);
        }
        List<Row> out = new ArrayList<>();
        for (RuleResult meta : first.values()) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < brokers.size(); i++) {
                BrokerColumn b = brokers.get(i);
                if (!b.available()) {
                    cells.add(new Cell(b.name(), Verdict.NOT_RUN, null, Optional.empty(), b.unavailable()));
                    continue;
                }
                RuleResult r = byBroker.get(i).get(meta.id());
                Verdict v = r == null ? Verdict.ABSENT : Verdict.of(r.status());
                String note = exclusionNote(b, meta.id(), brokers);
                if (note != null && v != Verdict.FAIL) {
                    v = Verdict.NOT_RUN;
                }
                cells.add(new Cell(b.name(), v, r, r == null ? Optional.empty() : b.linkFor(meta.id()), note));
            }
            out.add(new Row(meta.id(), meta.kind(), meta.area(), meta.title(), List.copyOf(cells)));
        }
        return List.copyOf(out);
    }

    /** "X not run on this broker: reason" for each of the broker's excluded tests that checks this rule. */
    private static String exclusionNote(BrokerColumn b, String ruleId, List<BrokerColumn> all) {
        List<String> notes = new ArrayList<>();
        for (BrokerColumn.Exclusion e : b.exclusions()) {
            if (rulesOf(e, all).contains(ruleId)) {
                notes.add(e.test() + " not run on this broker: " + e.reason());
            }
        }
        return notes.isEmpty() ? null : String.join("\n", notes);
    }

    /** The rules an excluded test checks, as the summaries of the brokers that ran it list it. */
    static Set<String> rulesOf(BrokerColumn.Exclusion e, List<BrokerColumn> all) {
        Set<String> rules = new LinkedHashSet<>();
        String prefix = e.method() + "(";
        for (BrokerColumn b : all) {
            if (!b.available()) {
                continue;
            }
            for (RuleResult r : b.summary().rules()) {
                if (r.tests().stream().anyMatch(t -> t.test() != null && t.test().startsWith(prefix))) {
                    rules.add(r.id());
                }
            }
        }
        return rules;
    }

    /** The broker's excluded tests no broker of the matrix ran, so their rules are unknown. */
    public List<BrokerColumn.Exclusion> unplacedExclusions(BrokerColumn b) {
        return b.exclusions().stream().filter(e -> rulesOf(e, brokers).isEmpty()).toList();
    }

    public List<BrokerColumn> brokers() {
        return brokers;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Count of each verdict in one broker's column. */
    public Map<Verdict, Integer> totals(String broker) {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Row r : rows) {
            for (Cell c : r.cells()) {
                if (c.broker().equals(broker)) {
                    m.merge(c.verdict(), 1, Integer::sum);
                }
            }
        }
        return m;
    }

    public long disagreements() {
        return rows.stream().filter(Row::brokersDisagree).count();
    }
}
