package dev.lmqharness.reports.matrix;

import dev.lmqharness.reports.conformance.ConformanceSummary;
import dev.lmqharness.reports.conformance.SummaryFixtures;
import dev.lmqharness.reports.conformance.SummaryFixtures.R;
import dev.lmqharness.reports.conformance.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComplianceMatrixTest {

    @TempDir
    Path dir;

    private ConformanceSummary summary(String name, List<R> rules) throws IOException {
        return ConformanceSummary.read(SummaryFixtures.write(dir.resolve(name), "target " + name, "mqtt311", rules));
    }

    @Test
    void oneRowPerRuleOneCellPerBrokerInCatalogueOrder() throws IOException {
        ConformanceSummary a = summary("a", List.of(new R("MQTT-1", "x", "pass"), new R("MQTT-2", "x", "fail"), new R("LMQ-1", "y", "skip")));
        ConformanceSummary b = summary("b", List.of(new R("MQTT-1", "x", "fail"), new R("MQTT-2", "x", "fail"), new R("MQTT-3", "z", "pass")));
        ComplianceMatrix m = new ComplianceMatrix(List.of(
                new BrokerColumn("a", a, "../a/index.html", Map.of("MQTT-1", "../a/index.html#behaviors/p/t/")),
                new BrokerColumn("b", b, null, Map.of())));

        assertThat(m.rows()).extracting(ComplianceMatrix.Row::id).containsExactly("MQTT-1", "MQTT-2", "LMQ-1", "MQTT-3");
        ComplianceMatrix.Row first = m.rows().get(0);
        assertThat(first.cells()).extracting(ComplianceMatrix.Cell::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(first.brokersDisagree()).isTrue();
        assertThat(first.cells().get(0).link()).contains("../a/index.html#behaviors/p/t/");
        assertThat(first.cells().get(1).link()).isEmpty();
        assertThat(m.rows().get(1).brokersDisagree()).as("both fail").isFalse();
        assertThat(m.rows().get(2).cells()).extracting(ComplianceMatrix.Cell::verdict).containsExactly(Verdict.SKIP, Verdict.ABSENT);
        assertThat(m.rows().get(2).cells().get(0).link()).as("a rule without its own deep link opens the behaviours tab")
                .contains("../a/index.html#behaviors");
        assertThat(m.rows().get(3).cells()).extracting(ComplianceMatrix.Cell::verdict).containsExactly(Verdict.ABSENT, Verdict.PASS);
        assertThat(m.disagreements()).isEqualTo(1);
        assertThat(m.totals("b")).containsEntry(Verdict.FAIL, 2).containsEntry(Verdict.PASS, 1).containsEntry(Verdict.ABSENT, 1);
    }

    @Test
    void anUnavailableBrokerKeepsItsColumnWithNotRunAndTheReason() throws IOException {
        ConformanceSummary a = summary("a", List.of(new R("MQTT-1", "x", "pass"), new R("MQTT-2", "x", "fail")));
        ComplianceMatrix m = new ComplianceMatrix(List.of(new BrokerColumn("a", a, null, null),
                BrokerColumn.unavailable("mosquitto", "not installed")));

        assertThat(m.brokers()).extracting(BrokerColumn::name).containsExactly("a", "mosquitto");
        assertThat(m.rows()).allSatisfy(r -> {
            assertThat(r.cells().get(1).verdict()).isEqualTo(Verdict.NOT_RUN);
            assertThat(r.cells().get(1).note()).isEqualTo("not installed");
            assertThat(r.cells().get(1).link()).isEmpty();
        });
        assertThat(m.totals("mosquitto")).containsOnly(Map.entry(Verdict.NOT_RUN, 2));
        assertThat(m.rows().get(0).brokersDisagree()).as("not run is no judgement").isFalse();
        assertThatThrownBy(() -> new ComplianceMatrix(List.of(BrokerColumn.unavailable("m", "x"))))
                .hasMessageContaining("no broker of the matrix was run");
    }

    @Test
    void rulesOfAnExcludedTestAreNotRunThereNeverPass() throws IOException {
        // The fixture names rule R1's test "test_R1(SuiteContext)"; brokers b and c left test_R1 out.
        ConformanceSummary a = summary("a", List.of(new R("R1", "x", "pass"), new R("R2", "x", "pass")));
        ConformanceSummary b = summary("b", List.of(new R("R1", "x", "not-run"), new R("R2", "x", "pass")));
        ConformanceSummary c = summary("c", List.of(new R("R1", "x", "fail"), new R("R2", "x", "pass")));
        var exclusion = List.of(new BrokerColumn.Exclusion("SomeTest.test_R1", "wrecks the broker"));
        ComplianceMatrix m = new ComplianceMatrix(List.of(new BrokerColumn("a", a, null, null),
                new BrokerColumn("b", b, "b/index.html", null, null, exclusion),
                new BrokerColumn("c", c, null, null, null, exclusion)));

        assertThat(ComplianceMatrix.rulesOf(exclusion.get(0), m.brokers())).as("found through broker a's run").containsExactly("R1");
        ComplianceMatrix.Row r1 = m.rows().get(0);
        assertThat(r1.cells()).extracting(ComplianceMatrix.Cell::verdict)
                .as("a failure of another test stays a failure").containsExactly(Verdict.PASS, Verdict.NOT_RUN, Verdict.FAIL);
        assertThat(r1.cells().get(1).note()).isEqualTo("SomeTest.test_R1 not run on this broker: wrecks the broker");
        assertThat(r1.cells().get(0).note()).isNull();
        assertThat(m.rows().get(1).cells()).extracting(ComplianceMatrix.Cell::verdict)
                .containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS);
        assertThat(m.unplacedExclusions(m.brokers().get(1))).isEmpty();
        assertThat(m.unplacedExclusions(new BrokerColumn("d", a, null, null, null,
                List.of(new BrokerColumn.Exclusion("OtherTest.neverRan", null))))).hasSize(1);
        assertThatThrownBy(() -> new BrokerColumn.Exclusion("WillTest.*", "x")).hasMessageContaining("SimpleClass.method");
    }

    @Test
    void aRuleWhoseOnlyTestWasLeftOutPassesNowhereElse() throws IOException {
        // The excluded broker's own summary: the rule has no test at all (not-run); with the note it stays not run.
        ConformanceSummary a = summary("a", List.of(new R("R1", "x", "pass")));
        ConformanceSummary b = summary("b", List.of(new R("R1", "x", "not-run")));
        ComplianceMatrix m = new ComplianceMatrix(List.of(new BrokerColumn("a", a, null, null),
                new BrokerColumn("b", b, null, null, null, List.of(new BrokerColumn.Exclusion("T.test_R1", "why")))));
        assertThat(m.rows().get(0).cells().get(1).verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(m.rows().get(0).cells().get(1).note()).contains("why");
    }

    @Test
    void brokerNamesMustBeUnique() throws IOException {
        ConformanceSummary a = summary("a", List.of(new R("MQTT-1", "x", "pass")));
        assertThatThrownBy(() -> new ComplianceMatrix(List.of(new BrokerColumn("a", a, null, null), new BrokerColumn("a", a, null, null))))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new ComplianceMatrix(List.of()))
                .hasMessageContaining("at least one broker");
    }
}
