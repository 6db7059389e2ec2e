package dev.lmqharness.reports.cli;

import dev.lmqharness.reports.conformance.SummaryFixtures;
import dev.lmqharness.reports.conformance.SummaryFixtures.R;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsMainTest {

    @TempDir
    Path dir;

    @Test
    void matrixAndSiteFromTheCommandLine() throws Exception {
        SummaryFixtures.write(dir.resolve("brokers/one/run"), "one", "mqtt311", List.of(new R("MQTT-1", "x", "pass")));
        SummaryFixtures.write(dir.resolve("brokers/two"), "two", "mqtt311", List.of(new R("MQTT-1", "x", "fail")));
        int rc = ReportsMain.run("matrix", "--broker", "one=" + dir.resolve("brokers/one"), "--broker", "two=" + dir.resolve("brokers/two"),
                "--out", dir.resolve("site/matrix").toString(), "--home", "../index.html");
        assertThat(rc).isZero();
        assertThat(ReportsMain.run("site", dir.resolve("site").toString())).isZero();
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("Compliance matrix").contains("one (0 failing), two (1 failing)");
        String page = Files.readString(dir.resolve("site/matrix/index.html"));
        assertThat(page.indexOf(">one<")).isLessThan(page.indexOf(">two<"));
    }

    @Test
    void aMissingSummaryIsABadInputNamedOnStderr() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int rc;
        try {
            rc = ReportsMain.run("matrix", "--broker", "x=" + dir.resolve("none"), "--out", dir.resolve("m").toString());
        } finally {
            System.setErr(old);
        }
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("no conformance summary at").contains("none");
    }
}
