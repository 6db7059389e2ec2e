package dev.lmqharness.broker;

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
 * Each LMQ rule of the catalogue leads by grep to one broker class, its home, and is named by at
 * most one of the broker's test classes (mostly the home's unit test, through {@code @Rule}).
 */
@Timeout(60)
class RuleHomesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/lmqharness/broker");
    private static final Path TESTS = Path.of("src/test/java/dev/lmqharness/broker");

    @Test
    void everyRuleIdIsSpelledOutInExactlyOneBrokerClass() {
        List<Path> sources = javaFiles(MAIN);
        Map<String, List<String>> homes = new TreeMap<>();
        for (CatalogueRule r : RuleCatalogue.get().lmqRules()) {
            homes.put(r.id(), naming(r.id(), sources));
        }
        assertThat(homes).allSatisfy((id, files) -> assertThat(files).as("broker classes naming %s", id).hasSize(1));
    }

    @Test
    void everyRuleIdIsNamedByAtMostOneBrokerTestClass() {
        List<Path> tests = javaFiles(TESTS);
        Map<String, List<String>> testers = new TreeMap<>();
        for (CatalogueRule r : RuleCatalogue.get().lmqRules()) {
            testers.put(r.id(), naming(r.id(), tests));
        }
        assertThat(testers).allSatisfy((id, files) -> assertThat(files).as("test classes naming %s", id).hasSizeLessThan(2));
    }

    @Test
    void everyRuleAnnotationNamesACatalogueRule() {
        Pattern annotation = Pattern.compile("@Rule\\(\\{?([^)}]*)\\}?\\)");
        Pattern id = Pattern.compile("\"([^\"]+)\"");
        List<String> unknown = new java.util.ArrayList<>();
        int named = 0;
        for (Path f : javaFiles(TESTS)) {
            var a = annotation.matcher(read(f));
            while (a.find()) {
                var i = id.matcher(a.group(1));
                while (i.find()) {
                    named++;
                    if (RuleCatalogue.get().all().stream().noneMatch(r -> r.id().equals(i.group(1)))) {
                        unknown.add(f.getFileName() + ": " + i.group(1));
                    }
                }
            }
        }
        assertThat(named).isPositive();
        assertThat(unknown).as("@Rule IDs not in the catalogue").isEmpty();
    }

    private static List<String> naming(String id, List<Path> files) {
        Pattern word = Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w])");
        return files.stream().filter(f -> word.matcher(read(f)).find()).map(Path::toString).toList();
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
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
