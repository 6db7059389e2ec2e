package dev.lmqharness.suite.run;

import dev.lmqharness.suite.cli.SuiteMain;
import dev.lmqharness.suite.broker.TargetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/**
 * A wrong URL stops the whole suite at once: one failure (the preflight) with one line, every
 * conformance test skipped with that line, and no test waiting for its own timeout.
 */
@Timeout(60)
class FailFastTest {

    @Test
    void wrongUrlFailsOnceAndSkipsEverythingElseWithTheSameLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String line = "target tcp://127.0.0.1:" + port + ": connection refused";
        long start = System.nanoTime();
        List<InProcessSuiteRun.Outcome> all = InProcessSuiteRun.run(
                TargetConfig.from(Map.of("lmq.url", "tcp://127.0.0.1:" + port, "lmq.timeoutSeconds", "3")),
                List.of(selectPackage(SuiteMain.TESTS_PACKAGE)));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        List<InProcessSuiteRun.Outcome> failed = all.stream().filter(InProcessSuiteRun.Outcome::failed).toList();
        assertThat(failed).extracting(InProcessSuiteRun.Outcome::test).containsExactly("TargetPreflightTest.targetIsUsable()");
        assertThat(failed.get(0).reason()).isEqualTo(line);
        List<InProcessSuiteRun.Outcome> conformance = all.stream()
                .filter(o -> !o.test().startsWith("TargetPreflightTest") && !o.test().startsWith("CatalogueSelfCheckTest")).toList();
        assertThat(conformance).hasSizeGreaterThan(50)
                .allSatisfy(o -> assertThat(o.status() + ": " + o.reason()).isEqualTo("skip: target unusable: " + line));
        assertThat(seconds).as("seconds for the whole run").isLessThan(20);
    }
}
