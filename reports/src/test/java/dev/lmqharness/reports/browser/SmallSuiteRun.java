package dev.lmqharness.reports.browser;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.suite.junit.RunTarget;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.util.Arrays;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A few real conformance test classes in a JVM of their own (the suite keeps its target in static
 * state): writes the suite's JSON summary and Allure results exactly as a full run does, through the
 * suite's own listeners. Configured by {@code -Dlmq.*} and {@code -Dallure.results.directory};
 * arguments are test class names. Without {@code -Dsmall.lmqBreakRule} the suite starts its bundled
 * broker; with it, this starts a reference broker in profile lmq with the instance the suite expects
 * (group GID_lmqsuite, parent topic lmqsuite, anonymous clients) that deliberately breaks the named
 * rule (the broker's fault injection), and points the suite at it. Prints the launcher summary.
 */
public final class SmallSuiteRun {

    public static void main(String[] classes) throws Exception {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        ReferenceBroker broker = null;
        String broken = System.getProperty("small.lmqBreakRule");
        if (broken != null) {
            broker = ReferenceBroker.builder().tcpPort(0).inMemory().profile(Profile.LMQ)
                    .lmq(LmqConfig.defaults().withGroups(List.of("GID_lmqsuite")).withParentTopics(List.of("lmqsuite"))
                            .withAnonymousAllowed(true))
                    .breakRule(broken).build().start();
            System.setProperty("lmq.url", "tcp://127.0.0.1:" + broker.port(Transport.TCP));
            System.setProperty("lmq.profile", "lmq");
            System.setProperty("lmq.groupId", "GID_lmqsuite");
            System.setProperty("lmq.parentTopic", "lmqsuite");
        }
        Launcher launcher = LauncherFactory.create();
        try {
            launcher.execute(request()
                    .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                    .build(), summary);
        } finally {
            RunTarget.stop();
            if (broker != null) {
                broker.stop();
            }
        }
        var s = summary.getSummary();
        System.out.printf("%d passed, %d failed, %d skipped%n", s.getTestsSucceededCount(), s.getTotalFailureCount(),
                s.getTestsSkippedCount() + s.getTestsAbortedCount());
        System.exit(s.getTestsFoundCount() == 0 ? 3 : 0);
    }
}
