package dev.lmqharness.suite.run;

import dev.lmqharness.suite.cli.SuiteMain;
import dev.lmqharness.suite.junit.FailureText;
import dev.lmqharness.suite.junit.RunTarget;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.broker.TargetConfig;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs conformance tests in this JVM against a configuration given in code (not the process's
 * system properties), through the JUnit Platform launcher, and reports each test's outcome. The
 * service-loaded report listeners (Allure, the JSON summary) are switched off: these runs are
 * checks of the suite, not conformance reports.
 */
public final class InProcessSuiteRun {

    /** One executed test: its name, pass/fail/skip, and the first line of the failure or skip reason. */
    public record Outcome(String test, String status, String reason) {
        public boolean failed() {
            return status.equals("fail");
        }
    }

    private InProcessSuiteRun() {
    }

    /** Every conformance test method naming this rule in its {@link Rule}. */
    public static List<DiscoverySelector> testsOfRule(String ruleId) {
        List<DiscoverySelector> out = new ArrayList<>();
        for (Class<?> c : ReflectionSupport.findAllClassesInPackage(SuiteMain.TESTS_PACKAGE, x -> true, n -> true)) {
            for (Method m : c.getDeclaredMethods()) {
                Rule r = m.getAnnotation(Rule.class);
                if (r != null && Arrays.asList(r.value()).contains(ruleId)) {
                    out.add(selectMethod(c, m));
                }
            }
        }
        return out;
    }

    public static DiscoverySelector testClass(Class<?> c) {
        return selectClass(c);
    }

    public static List<Outcome> run(TargetConfig config, List<DiscoverySelector> selectors) {
        RunTarget.use(config);
        List<Outcome> outcomes = new ArrayList<>();
        TestExecutionListener collect = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                // A skipped parameterized test is skipped as a whole (its container has the method source).
                if (id.isTest() || id.getSource().filter(MethodSource.class::isInstance).isPresent()) {
                    outcomes.add(new Outcome(name(id), "skip", reason));
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                String reason = result.getThrowable().map(FailureText::oneLine).orElse(null);
                outcomes.add(new Outcome(name(id), switch (result.getStatus()) {
                    case SUCCESSFUL -> "pass";
                    case ABORTED -> "skip";
                    case FAILED -> "fail";
                }, reason));
            }
        };
        // No service-loaded listeners (Allure, the JSON summary): they are picked when the launcher is made.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        try {
            launcher.execute(request().selectors(selectors).build(), collect);
        } finally {
            RunTarget.stop();
        }
        return outcomes;
    }

    private static String name(TestIdentifier id) {
        String legacy = id.getLegacyReportingName();
        String cls = id.getUniqueIdObject().getSegments().stream().filter(s -> s.getType().equals("class"))
                .map(s -> s.getValue().substring(s.getValue().lastIndexOf('.') + 1)).findFirst().orElse("");
        return cls + "." + legacy;
    }
}
