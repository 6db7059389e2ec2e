package dev.lmqharness.reports.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SiteIndexTest {

    @TempDir
    Path dir;

    @Test
    void matrixLineCountsFailuresAndSaysWhichBrokerWasNotRun() throws IOException {
        Files.writeString(dir.resolve("matrix.json"), """
                {"brokers":[{"name":"a","run":true,"totals":{"fail":3,"pass":1}},
                            {"name":"mosquitto","run":false,"notRunBecause":"not installed","totals":{"not-run":4}},
                            {"name":"old","totals":{"pass":4}}],
                 "rules":[{},{},{},{}]}
                """);
        assertThat(SiteIndex.matrixLine(dir)).isEqualTo("4 rules on a (3 failing), mosquitto (not run), old (0 failing)");
    }
}
