package dev.lmqharness.suite.run;

import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.kit.rules.CatalogueRule;
import dev.lmqharness.kit.rules.RuleCatalogue;
import dev.lmqharness.suite.broker.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite catches every fault the reference broker can be given: for each rule of
 * {@link LmqConfig#BREAKABLE_RULES} the bundled broker starts with that rule broken, only the
 * tests naming that rule run, and at least one of them must fail. Prints a table fault -> red tests.
 */
class FaultInjectionTest {

    /** One fault's result. */
    record Row(String rule, String profile, int tests, List<String> red, int skipped, long millis) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyBreakableRuleTurnsItsTestsRed() {
        List<Row> rows = new ArrayList<>();
        for (String rule : new TreeSet<>(LmqConfig.BREAKABLE_RULES)) {
            rows.add(runWithFault(rule));
        }
        System.out.println(table(rows));
        assertThat(rows).as("faults no test noticed (see the table above)").allSatisfy(r ->
                assertThat(r.red()).as("%s broken: red tests", r.rule()).isNotEmpty());
    }

    private static Row runWithFault(String rule) {
        CatalogueRule r = RuleCatalogue.get().require(rule);
        String profile = r.appliesTo("lmq") ? "lmq" : r.profiles().get(0);
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("lmq.profile", profile);
        cfg.put("lmq.breakRules", rule);
        cfg.put("lmq.timeoutSeconds", "5");
        cfg.put("lmq.reportDir", Path.of("target", "fault-injection", rule).toString());
        long start = System.nanoTime();
        List<InProcessSuiteRun.Outcome> out = InProcessSuiteRun.run(TargetConfig.from(cfg), InProcessSuiteRun.testsOfRule(rule));
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> red = out.stream().filter(InProcessSuiteRun.Outcome::failed).map(InProcessSuiteRun.Outcome::test).toList();
        int skipped = (int) out.stream().filter(o -> o.status().equals("skip")).count();
        return new Row(rule, profile, out.size(), red, skipped, millis);
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder("\nFault injection: rule broken -> tests of that rule that went red\n");
        b.append(String.format("%-12s %-7s %5s %4s %5s %7s  %s%n", "fault", "profile", "tests", "red", "skip", "seconds", "red tests"));
        for (Row r : rows) {
            b.append(String.format("%-12s %-7s %5d %4d %5d %7.1f  %s%n", r.rule(), r.profile(), r.tests(), r.red().size(), r.skipped(),
                    r.millis() / 1000.0, r.red().isEmpty() ? "NONE: the fault went unnoticed" : String.join(", ", r.red())));
        }
        return b.toString();
    }
}
