package dev.lmqharness.suite.junit;

import dev.lmqharness.kit.rules.Rule;

import dev.lmqharness.kit.rules.CatalogueRule;
import dev.lmqharness.kit.rules.RuleCatalogue;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.suite.broker.ConfigException;
import dev.lmqharness.suite.broker.Target;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.broker.TargetUnavailableException;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JUnit side of a conformance test: looks its rules up in the catalogue, labels it for Allure
 * (epic = area, feature = rule ID, story = case, description = rule text), skips it with a reason
 * where the target's profile or capabilities do not fit, hands it a {@link SuiteContext}, and on
 * failure attaches the packet exchange that led to it.
 */
public final class ConformanceExtension implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConformanceExtension.class);

    /**
     * A run whose target cannot be used (bad configuration, wrong URL, refused credentials) stops
     * here: every conformance test is skipped at once with the one line that says why, and only
     * {@code TargetPreflightTest} fails, so the build is red with one clear failure.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext ctx) {
        if (ctx.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test, so each skipped test reports the reason");
        }
        ctx.getRoot().getStore(NS).getOrComputeIfAbsent(TargetStopper.class, k -> new TargetStopper(), TargetStopper.class);
        try {
            RunTarget.get();
            return ConditionEvaluationResult.enabled("target ready");
        } catch (ConfigException | TargetUnavailableException e) {
            return ConditionEvaluationResult.disabled("target unusable: " + RunTarget.failureLine());
        }
    }

    @Override
    public void beforeEach(ExtensionContext ctx) {
        Method m = ctx.getRequiredTestMethod();
        Rule rule = m.getAnnotation(Rule.class);
        if (rule == null) {
            throw new IllegalStateException(m + " is a conformance test without @Rule");
        }
        List<CatalogueRule> rules = Arrays.stream(rule.value()).map(RuleCatalogue.get()::require).toList();
        label(ctx, rules);

        // The target is shared by the run and stopped when the root context closes.
        ctx.getRoot().getStore(NS).getOrComputeIfAbsent(TargetStopper.class, k -> new TargetStopper(), TargetStopper.class);
        TargetProfile profile = RunTarget.config().profile();
        for (CatalogueRule r : rules) {
            if (!r.appliesTo(profile.key())) {
                Assumptions.abort(r.id() + " applies to profile(s) " + r.profiles() + ", the target's profile is " + profile.key());
            }
        }
        for (Profiles only : new Profiles[] {ctx.getRequiredTestClass().getAnnotation(Profiles.class), m.getAnnotation(Profiles.class)}) {
            if (only != null && !Arrays.asList(only.value()).contains(profile)) {
                Assumptions.abort("not for profile " + profile.key() + ": " + only.reason());
            }
        }
        Target target = RunTarget.get();
        Requires req = m.getAnnotation(Requires.class);
        if (req != null) {
            for (Capability c : req.value()) {
                if (!target.has(c)) {
                    Assumptions.abort(target.lacks(c));
                }
            }
        }
        SuiteContext sc = new SuiteContext(target);
        sc.note("target " + target.describe() + " namespace=" + target.naming().namespace()
                + " rules=" + String.join(",", rule.value()));
        ctx.getStore(NS).put(SuiteContext.class, sc);
    }

    private static void label(ExtensionContext ctx, List<CatalogueRule> rules) {
        ConformanceTest ct = ctx.getRequiredTestClass().getAnnotation(ConformanceTest.class);
        String area = ct != null && !ct.area().isEmpty() ? ct.area() : rules.get(0).area();
        Allure.epic(area);
        for (CatalogueRule r : rules) {
            Allure.feature(r.id());
        }
        String method = ctx.getRequiredTestMethod().getName();
        Allure.story(ctx.getDisplayName().startsWith(method) ? method : method + " [" + ctx.getDisplayName() + "]");
        Allure.label("tag", RunTarget.config().profile().key());
        Allure.description(rules.stream()
                .map(r -> "**" + r.id() + "** " + r.title() + "\n\n" + r.assertion() + "\n\nSource: " + r.source())
                .collect(Collectors.joining("\n\n---\n\n")));
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        SuiteContext sc = ctx.getStore(NS).remove(SuiteContext.class, SuiteContext.class);
        if (sc == null) {
            return;
        }
        try {
            ctx.getExecutionException().ifPresent(e -> {
                if (!(e instanceof TestAbortedException)) {
                    String exchange = sc.log().render();
                    Allure.addAttachment("packet exchange", "text/plain", exchange, ".txt");
                    // Also on stdout, which the JUnit XML reports keep.
                    System.out.println("---- packet exchange of " + ctx.getDisplayName() + " ----\n" + exchange);
                }
            });
        } finally {
            sc.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == SuiteContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        SuiteContext sc = e.getStore(NS).get(SuiteContext.class, SuiteContext.class);
        if (sc == null) {
            throw new IllegalStateException("no SuiteContext: the target was not resolved");
        }
        return sc;
    }

    /** Stops the bundled broker when the whole run is over. */
    private static final class TargetStopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            RunTarget.stop();
        }
    }
}
