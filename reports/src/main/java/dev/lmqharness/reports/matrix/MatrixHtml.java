package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.conformance.ConformanceSummary;
import dev.lmqharness.reports.conformance.ConformanceSummary.TestOutcome;
import dev.lmqharness.reports.conformance.Verdict;
import dev.lmqharness.reports.matrix.ComplianceMatrix.Cell;
import dev.lmqharness.reports.matrix.ComplianceMatrix.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.lmqharness.reports.html.Html.esc;

/**
 * The matrix as one HTML page: a table of the brokers (target, totals, report link), then every
 * rule grouped by area with one verdict cell per broker; a cell links to that broker's Allure
 * report and its tooltip lists the tests and skip reasons. A few lines of script filter the rows;
 * without script the whole table shows.
 */
public final class MatrixHtml {

    private MatrixHtml() {
    }

    public static String render(ComplianceMatrix m, Instant generatedAt, String homeHref) {
        StringBuilder b = new StringBuilder();
        if (homeHref != null) {
            b.append("<nav><a href=\"").append(esc(homeHref)).append("\">&larr; site</a></nav>\n");
        }
        b.append("<h1>MQTT / LMQ compliance matrix</h1>\n");
        b.append("<p class=\"meta\">").append(m.rows().size()).append(" rules &times; ").append(m.brokers().size())
                .append(" brokers, generated ").append(esc(generatedAt)).append(". ")
                .append(m.disagreements()).append(" rules judged differently by different brokers.</p>\n");
        brokerTable(m, b);
        b.append("<h2>Rules</h2>\n<p>Show: <label><input type=\"radio\" name=\"f\" value=\"all\" checked> all</label> ")
                .append("<label><input type=\"radio\" name=\"f\" value=\"fail\"> failing on some broker</label> ")
                .append("<label><input type=\"radio\" name=\"f\" value=\"differs\"> judged differently</label>")
                .append(" <span class=\"muted\">(a cell links to the broker's Allure report; hover for its tests)</span></p>\n");
        ruleTable(m, b);
        b.append(SCRIPT);
        return dev.lmqharness.reports.html.Html.page("Compliance matrix", CSS, b.toString());
    }

    private static void brokerTable(ComplianceMatrix m, StringBuilder b) {
        b.append("<table id=\"brokers\">\n<tr><th>broker</th><th>target</th><th>profile</th><th>run (UTC)</th>");
        List<Verdict> shown = shownVerdicts(m);
        for (Verdict v : shown) {
            b.append("<th class=\"num\">").append(esc(v.label())).append("</th>");
        }
        b.append("<th>report</th></tr>\n");
        List<String> notes = new ArrayList<>();
        for (BrokerColumn c : m.brokers()) {
            ConformanceSummary s = c.summary();
            Map<Verdict, Integer> t = m.totals(c.name());
            b.append("<tr><td><b>").append(esc(c.name())).append("</b></td><td>");
            if (s == null) {
                b.append("<span class=\"v-fail\">not run: ").append(esc(c.unavailable())).append("</span></td><td></td><td></td>");
            } else {
                b.append(esc(s.target()));
                if (s.targetFailure() != null) {
                    b.append("<br><span class=\"v-fail\">").append(esc(s.targetFailure())).append("</span>");
                }
                b.append("</td><td>").append(esc(s.profile())).append("</td><td>").append(esc(shortTime(s.startedAt()))).append("</td>");
            }
            for (Verdict v : shown) {
                int n = t.getOrDefault(v, 0);
                b.append("<td class=\"num").append(n > 0 ? " v-" + v.key() : "").append("\">").append(n).append("</td>");
            }
            b.append("<td>");
            if (c.reportHref() != null) {
                b.append("<a href=\"").append(esc(c.reportHref())).append("\">Allure report</a>");
            } else {
                b.append("<span class=\"muted\">none</span>");
            }
            b.append("</td></tr>\n");
            if (s == null) {
                notes.add("<b>" + esc(c.name()) + "</b> was not run: " + esc(c.unavailable())
                        + ". Its column shows <i>not run</i> for every rule.");
            }
            List<BrokerColumn.Exclusion> unplaced = m.unplacedExclusions(c);
            for (BrokerColumn.Exclusion e : c.exclusions()) {
                notes.add("&dagger; <b>" + esc(c.name()) + "</b>: test <code>" + esc(e.test()) + "</code> was left out of its run ("
                        + esc(e.reason()) + "). "
                        + (unplaced.contains(e) ? "No broker of this matrix ran it, so its rules are not marked."
                        : "Its rules show <i>not run</i> there (FAIL if another of their tests failed), never pass."));
            }
        }
        b.append("</table>\n");
        if (!notes.isEmpty()) {
            b.append("<ul class=\"notes\">\n");
            notes.forEach(n -> b.append("<li>").append(n).append("</li>\n"));
            b.append("</ul>\n");
        }
    }

    /** Every verdict but "absent", which shows only when some broker's summary lacks a rule. */
    private static List<Verdict> shownVerdicts(ComplianceMatrix m) {
        List<Verdict> out = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            if (v != Verdict.ABSENT || m.brokers().stream().anyMatch(c -> m.totals(c.name()).getOrDefault(Verdict.ABSENT, 0) > 0)) {
                out.add(v);
            }
        }
        return out;
    }

    /** {@code 2026-11-23T02:35:28.006Z} as {@code 2026-11-23 02:35:28}. */
    static String shortTime(String iso) {
        if (iso == null) {
            return "";
        }
        return iso.replace('T', ' ').replaceFirst("(\\d{2}:\\d{2}:\\d{2})\\.\\d+", "$1").replaceFirst("Z$", "");
    }

    private static void ruleTable(ComplianceMatrix m, StringBuilder b) {
        b.append("<table id=\"matrix\">\n<thead><tr><th>rule</th><th>title</th>");
        for (BrokerColumn c : m.brokers()) {
            b.append("<th class=\"broker\">").append(esc(c.name())).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        // Rows grouped by area, areas in order of first appearance (the catalogue interleaves some).
        Map<String, List<Row>> byArea = new LinkedHashMap<>();
        for (Row r : m.rows()) {
            byArea.computeIfAbsent(r.area() == null ? "(no area)" : r.area(), k -> new ArrayList<>()).add(r);
        }
        byArea.forEach((area, rows) -> {
            b.append("<tr class=\"area\"><th colspan=\"").append(2 + m.brokers().size()).append("\">")
                    .append(esc(area)).append("</th></tr>\n");
            for (Row r : rows) {
                b.append("<tr class=\"rule\" id=\"").append(esc(r.id())).append("\" data-fail=\"").append(r.anyFails() ? 1 : 0)
                        .append("\" data-differs=\"").append(r.brokersDisagree() ? 1 : 0).append("\"><td class=\"rule-id\">")
                        .append(esc(r.id())).append(r.brokersDisagree() ? " <span title=\"brokers disagree\">&#9670;</span>" : "")
                        .append("</td><td>").append(esc(r.title())).append("</td>");
                for (Cell c : r.cells()) {
                    cell(c, b);
                }
                b.append("</tr>\n");
            }
        });
        b.append("</tbody></table>\n");
    }

    private static void cell(Cell c, StringBuilder b) {
        String tip = tooltip(c);
        b.append("<td class=\"cell v-").append(c.verdict().key()).append("\" data-verdict=\"").append(c.verdict().key())
                .append("\"").append(tip.isEmpty() ? "" : " title=\"" + esc(tip) + "\"").append(">");
        if (c.link().isPresent()) {
            b.append("<a href=\"").append(esc(c.link().get())).append("\">").append(esc(c.verdict().label())).append("</a>");
        } else {
            b.append(esc(c.verdict().label()));
        }
        if (c.note() != null && c.result() != null) {
            // A test of this rule was left out of the broker's run: the notes under the broker table say which and why.
            b.append("<sup class=\"excluded\">&dagger;</sup>");
        }
        b.append("</td>");
    }

    static String tooltip(Cell c) {
        String tests;
        if (c.result() == null) {
            tests = c.note() != null ? "" : "not in this broker's summary";
        } else if (c.result().tests().isEmpty()) {
            tests = c.result().reason() == null ? "" : c.result().reason();
        } else {
            tests = c.result().tests().stream().map(MatrixHtml::describe).collect(Collectors.joining("\n"));
        }
        if (c.note() == null) {
            return tests;
        }
        return tests.isEmpty() ? c.note() : c.note() + "\n" + tests;
    }

    private static String describe(TestOutcome t) {
        return t.status() + ": " + t.test() + (t.reason() == null ? "" : " \u2014 " + t.reason());
    }

    private static final String CSS = """
            #brokers { margin-bottom: 1rem; }
            #matrix td.rule-id { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
            #matrix th.broker { text-align: center; }
            ul.notes { margin-top: 0; }
            body.only-fail tr.rule[data-fail="0"], body.only-differs tr.rule[data-differs="0"] { display: none; }
            """;

    private static final String SCRIPT = """
            <script>
            document.querySelectorAll('input[name=f]').forEach(function (r) {
              r.addEventListener('change', function () {
                document.body.classList.toggle('only-fail', r.value === 'fail' && r.checked);
                document.body.classList.toggle('only-differs', r.value === 'differs' && r.checked);
              });
            });
            </script>
            """;
}
