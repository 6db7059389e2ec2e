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
    void brokerNamesMustBeUnique() throws IOException {
        ConformanceSummary a = summary("a", List.of(new R("MQTT-1", "x", "pass")));
        assertThatThrownBy(() -> new ComplianceMatrix(List.of(new BrokerColumn("a", a, null, null), new BrokerColumn("a", a, null, null))))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new ComplianceMatrix(List.of()))
                .hasMessageContaining("at least one broker");
    }
}
