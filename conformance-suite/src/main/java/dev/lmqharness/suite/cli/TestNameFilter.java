package dev.lmqharness.suite.cli;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --include} / {@code --exclude}: keeps the test methods whose {@code SimpleClass.method}
 * matches an include pattern (all when none is given) and no exclude pattern. E.g. a broker that a
 * single malformed packet breaks for the rest of the run can be measured without that test.
 */
final class TestNameFilter implements PostDiscoveryFilter {
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    TestNameFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(Pattern::compile).toList();
        this.exclude = exclude.stream().map(Pattern::compile).toList();
    }

    @Override
    public FilterResult apply(TestDescriptor d) {
        if (!(d.getSource().orElse(null) instanceof MethodSource m)) {
            return FilterResult.included("not a test method");
        }
        String cls = m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1);
        String name = cls + "." + m.getMethodName();
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(name).matches())) {
            return FilterResult.excluded(name + " matches no --include pattern");
        }
        return exclude.stream().anyMatch(p -> p.matcher(name).matches())
                ? FilterResult.excluded(name + " matches an --exclude pattern") : FilterResult.included(name);
    }
}
