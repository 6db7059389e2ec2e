package dev.lmqharness.suite;

import dev.lmqharness.kit.rules.CatalogueRule;
import dev.lmqharness.kit.rules.RuleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each LMQ rule of the catalogue leads by grep to one suite test class: a newcomer who greps a rule ID
 * finds the one place where the suite judges it.
 */
@Timeout(60)
class RuleHomesTest {

    private static final Path TESTS = Path.of("src/main/java/dev/lmqharness/suite/tests");

    @Test
    void everyLmqRuleIsNamedByExactlyOneSuiteTestClass() {
        List<Path> sources = javaFiles();
        Map<String, List<String>> homes = new TreeMap<>();
        for (CatalogueRule r : RuleCatalogue.get().lmqRules()) {
            Pattern word = Pattern.compile("(?<![\\w-])" + Pattern.quote(r.id()) + "(?![\\w])");
            homes.put(r.id(), sources.stream().filter(f -> word.matcher(read(f)).find())
                    .map(f -> TESTS.relativize(f).toString()).toList());
        }
        assertThat(homes).isNotEmpty()
                .allSatisfy((id, files) -> assertThat(files).as("suite test classes naming %s", id).hasSize(1));
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> s = Files.walk(TESTS)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
