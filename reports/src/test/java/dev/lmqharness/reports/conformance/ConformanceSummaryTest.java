package dev.lmqharness.reports.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConformanceSummaryTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSuitesSummaryFromTheFileOrItsDirectory() throws IOException {
        SummaryFixtures.write(dir, "tcp://x:1883", "mqtt311", List.of(
                new SummaryFixtures.R("MQTT-1.5.3-1", "data-representation", "pass"),
                new SummaryFixtures.R("MQTT-4.6.0-2", "ordering", "not-covered")));
        ConformanceSummary s = ConformanceSummary.read(dir);
        assertThat(s.target()).isEqualTo("tcp://x:1883");
        assertThat(s.rules()).extracting(ConformanceSummary.RuleResult::id).containsExactly("MQTT-1.5.3-1", "MQTT-4.6.0-2");
        assertThat(s.rules().get(0).tests()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("pass"));
        assertThat(s.rules().get(1).reason()).isEqualTo("no wire stimulus");
        assertThat(s.total("pass")).isEqualTo(1);
        assertThat(ConformanceSummary.read(dir.resolve(ConformanceSummary.FILE_NAME)).rules()).hasSize(2);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws IOException {
        Files.writeString(dir.resolve(ConformanceSummary.FILE_NAME),
                "{\"target\":\"t\",\"newField\":1,\"rules\":[{\"id\":\"A-1\",\"status\":\"skip\",\"extra\":true}]}");
        assertThat(ConformanceSummary.read(dir).rules()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("skip"));
    }

    @Test
    void namesTheFileWhenItIsMissingOrNotASummary() throws IOException {
        assertThatThrownBy(() -> ConformanceSummary.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("no conformance summary at").hasMessageContaining(dir.toString());
        Files.writeString(dir.resolve(ConformanceSummary.FILE_NAME), "{\"rules\":[]}");
        assertThatThrownBy(() -> ConformanceSummary.read(dir)).hasMessageContaining("lists no rules");
        Files.writeString(dir.resolve(ConformanceSummary.FILE_NAME), "[1,2");
        assertThatThrownBy(() -> ConformanceSummary.read(dir)).hasMessageContaining("is not a conformance summary");
    }

    @Test
    void verdictKeysAreTheSummarysOwn() {
        assertThat(Verdict.of("not-covered")).isEqualTo(Verdict.NOT_COVERED);
        assertThat(Verdict.of(null)).isEqualTo(Verdict.ABSENT);
        assertThatThrownBy(() -> Verdict.of("maybe")).hasMessageContaining("maybe");
    }
}
