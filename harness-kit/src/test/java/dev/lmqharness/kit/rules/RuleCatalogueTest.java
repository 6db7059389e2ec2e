package dev.lmqharness.kit.rules;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCatalogueTest {

    @Test
    void catalogueHoldsEveryMqttStatementOnceWithItsCoverage() {
        RuleCatalogue c = RuleCatalogue.get();
        assertThat(c.mqttStatements()).hasSize(141);
        assertThat(c.mqttStatements()).allMatch(r -> r.id().matches("MQTT-\\d\\.\\d+\\.\\d+-\\d+"));
        assertThat(c.mqttStatements().stream().filter(CatalogueRule::covered).count()).isEqualTo(128);
        assertThat(c.all()).allSatisfy(r -> {
            assertThat(r.title()).isNotBlank();
            assertThat(r.assertion()).isNotBlank();
            assertThat(r.area()).isNotBlank();
            assertThat(r.profiles()).isNotEmpty().isSubsetOf("mqtt311", "lmq", "lite");
        });
    }

    /** Every LMQ rule ID of the rulebook is in the catalogue and nothing else is (when shared/ is beside the repo). */
    @Test
    void lmqRulesMatchTheRulebook() throws IOException {
        Path rules = Path.of("..", "..", "shared", "RULES.md");
        if (!Files.exists(rules)) {
            rules = Path.of("..", "shared", "RULES.md");
        }
        Assumptions.assumeTrue(Files.exists(rules), "RULES.md is not beside the repository");
        Set<String> inRulebook = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(LMQ-[A-Z0-9]+-\\d+)\\b").matcher(Files.readString(rules));
        while (m.find()) {
            inRulebook.add(m.group(1));
        }
        Set<String> inCatalogue = new TreeSet<>();
        RuleCatalogue.get().lmqRules().forEach(r -> inCatalogue.add(r.id()));
        assertThat(inCatalogue).isEqualTo(inRulebook);
    }
}
