package dev.lmqharness.suite.junit;

import dev.lmqharness.kit.rules.Rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lmqharness.kit.rules.CatalogueRule;
import dev.lmqharness.kit.rules.RuleCatalogue;
import dev.lmqharness.suite.broker.TargetConfig;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code conformance-summary.json} (rule -> pass/fail/skip, with every test and skip reason)
 * into {@code lmq.reportDir}, and the Allure {@code environment.properties} (target, profile).
 * Registered through the service loader, so it runs under surefire and under the runnable jar.
 */
public final class ConformanceSummaryListener implements TestExecutionListener {
    public static final String FILE_NAME = "conformance-summary.json";

    /** One executed test of one rule. */
    public record TestOutcome(String test, String status, String reason) {
    }

    private final Map<String, List<TestOutcome>> byRule = new LinkedHashMap<>();
    private String startedAt;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        startedAt = Instant.now().toString();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        record(id, "skip", reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(id, "pass", null);
            case ABORTED -> record(id, "skip", result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
            case FAILED -> record(id, "fail", result.getThrowable().map(FailureText::oneLine).orElse("failed"));
        }
    }

    private synchronized void record(TestIdentifier id, String status, String reason) {
        Rule rule = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(ms -> {
                    try {
                        return ms.getJavaMethod().getAnnotation(Rule.class);
                    } catch (RuntimeException e) {
                        return null;
                    }
                }).orElse(null);
        if (rule == null) {
            return;
        }
        String name = id.getLegacyReportingName() + (id.getDisplayName().startsWith(id.getLegacyReportingName()) ? "" : " " + id.getDisplayName());
        for (String r : rule.value()) {
            byRule.computeIfAbsent(r, k -> new ArrayList<>()).add(new TestOutcome(name, status, reason));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (byRule.isEmpty()) {
            return;
        }
        Path dir;
        TargetConfig config;
        try {
            config = RunTarget.config();
            dir = config.reportDir();
        } catch (RuntimeException e) {
            config = null;
            dir = Path.of("conformance-report");
        }
        String targetLine = RunTarget.description() != null ? RunTarget.description()
                : config != null ? config.describe(config.url()) : "(no configuration)";
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", targetLine);
        root.put("profile", config == null ? null : config.profile().key());
        root.put("namespace", config == null ? null : config.namespace());
        if (RunTarget.failureLine() != null) {
            root.put("targetFailure", RunTarget.failureLine());
        }
        root.put("startedAt", startedAt);
        root.put("finishedAt", Instant.now().toString());
        Map<String, Integer> totals = new LinkedHashMap<>();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (CatalogueRule r : RuleCatalogue.get().all()) {
            List<TestOutcome> tests = byRule.getOrDefault(r.id(), List.of());
            String status = ruleStatus(r, tests);
            totals.merge(status, 1, Integer::sum);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.id());
            e.put("kind", r.kind());
            e.put("area", r.area());
            e.put("title", r.title());
            e.put("status", status);
            if (!r.covered()) {
                e.put("reason", r.notCoveredBecause());
            }
            e.put("tests", tests);
            rules.add(e);
        }
        root.put("totals", totals);
        root.put("rules", rules);
        try {
            Files.createDirectories(dir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(FILE_NAME).toFile(), root);
        } catch (IOException e) {
            System.err.println("could not write " + dir.resolve(FILE_NAME) + ": " + e.getMessage());
        }
        writeAllureEnvironment(targetLine, config);
    }

    /** fail if any test failed; pass if at least one passed; skip if all were skipped; not-run/not-covered otherwise. */
    static String ruleStatus(CatalogueRule r, List<TestOutcome> tests) {
        if (tests.stream().anyMatch(o -> o.status().equals("fail"))) {
            return "fail";
        }
        if (tests.stream().anyMatch(o -> o.status().equals("pass"))) {
            return "pass";
        }
        if (!tests.isEmpty()) {
            return "skip";
        }
        return r.covered() ? "not-run" : "not-covered";
    }

    private static void writeAllureEnvironment(String targetLine, TargetConfig config) {
        Path dir = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        Properties p = new Properties();
        p.setProperty("target", targetLine);
        if (config != null) {
            p.setProperty("profile", config.profile().key());
            p.setProperty("auth", config.auth().key());
            p.setProperty("namespace", config.namespace());
            p.setProperty("capabilities", config.capabilities().toString());
        }
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("environment.properties"), StandardCharsets.UTF_8)) {
                p.store(w, "conformance target");
            }
        } catch (IOException e) {
            System.err.println("could not write Allure environment: " + e.getMessage());
        }
    }
}
