package dev.lmqharness.suite.tests.catalogue;

import dev.lmqharness.kit.rules.CatalogueRule;
import dev.lmqharness.kit.rules.RuleCatalogue;
import dev.lmqharness.suite.cli.SuiteMain;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue and the tests agree: every covered rule has a test, every test names known,
 * covered rules, and every test class is a {@link ConformanceTest}. Runs without a broker.
 */
class CatalogueSelfCheckTest {

    private static Map<String, List<String>> testsByRule() {
        Map<String, List<String>> out = new TreeMap<>();
        for (Class<?> c : ReflectionSupport.findAllClassesInPackage(SuiteMain.TESTS_PACKAGE, x -> true, n -> true)) {
            for (Method m : c.getDeclaredMethods()) {
                Rule r = m.getAnnotation(Rule.class);
                if (r != null) {
                    for (String id : r.value()) {
                        out.computeIfAbsent(id, k -> new ArrayList<>()).add(c.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyCoveredRuleHasATest() {
        Set<String> tested = testsByRule().keySet();
        List<String> missing = RuleCatalogue.get().all().stream().filter(CatalogueRule::covered)
                .map(CatalogueRule::id).filter(id -> !tested.contains(id)).toList();
        assertThat(missing).as("catalogue rules marked covered without a test").isEmpty();
    }

    @Test
    void everyTestNamesAKnownCoveredRule() {
        Set<String> unknown = new TreeSet<>();
        Set<String> uncovered = new TreeSet<>();
        testsByRule().forEach((id, tests) -> {
            var rule = RuleCatalogue.get().find(id);
            if (rule.isEmpty()) {
                unknown.add(id + " in " + tests);
            } else if (!rule.get().covered()) {
                uncovered.add(id + " in " + tests);
            }
        });
        assertThat(unknown).as("rule IDs named by tests but missing from the catalogue").isEmpty();
        assertThat(uncovered).as("tests of rules the catalogue calls not covered").isEmpty();
    }

    @Test
    void everyLmqRuleIsCoveredAndEveryUncoveredStatementSaysWhy() {
        assertThat(RuleCatalogue.get().lmqRules()).allMatch(CatalogueRule::covered);
        assertThat(RuleCatalogue.get().all()).filteredOn(r -> !r.covered())
                .allSatisfy(r -> assertThat(r.notCoveredBecause()).as(r.id()).isNotBlank());
    }

    @Test
    void everyTestClassIsAConformanceTest() {
        List<String> plain = new ArrayList<>();
        for (Class<?> c : ReflectionSupport.findAllClassesInPackage(SuiteMain.TESTS_PACKAGE, x -> true, n -> true)) {
            boolean hasRuleTests = java.util.Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Rule.class));
            if (hasRuleTests && !c.isAnnotationPresent(ConformanceTest.class)) {
                plain.add(c.getName());
            }
        }
        assertThat(plain).as("classes with @Rule tests but without @ConformanceTest").isEmpty();
    }
}
