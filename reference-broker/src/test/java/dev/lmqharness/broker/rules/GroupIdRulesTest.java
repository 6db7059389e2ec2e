package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Group ID syntax")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GroupIdRulesTest {

    @Rule("LMQ-GID-1")
    @Test
    @DisplayName("7 characters (GID_abc) accepted, 6 (GID_ab) refused")
    void sevenCharacters() {
        assertThat(GroupIdRules.check("GID_abc").allowed()).isTrue();
        Verdict six = GroupIdRules.check("GID_ab");
        assertThat(six.refused()).isTrue();
        assertThat(six.ruleId()).isEqualTo(GroupIdRules.RULE);
        assertThat(six.returnCode()).isEqualTo(MqttCodes.CONNACK_IDENTIFIER_REJECTED);
        assertThat(six.reason()).contains("6 characters");
    }

    @Rule("LMQ-GID-1")
    @Test
    @DisplayName("64 characters accepted, 65 refused")
    void sixtyFour() {
        assertThat(GroupIdRules.check("GID_" + "a".repeat(60)).allowed()).isTrue();
        assertThat(GroupIdRules.check("GID_" + "a".repeat(61)).refused()).isTrue();
    }

    @Rule("LMQ-GID-1")
    @DisplayName("GID_ and GID- prefixes are accepted")
    @ParameterizedTest(name = "Prefix accepted in {0}")
    @ValueSource(strings = {"GID_demo", "GID-demo", "GID_0-9_aZ"})
    void prefixes(String id) {
        assertThat(GroupIdRules.check(id).allowed()).isTrue();
    }

    @Rule("LMQ-GID-1")
    @DisplayName("Missing or wrong prefix refused")
    @ParameterizedTest(name = "Missing or wrong prefix refused: {0}")
    @ValueSource(strings = {"demo_group", "gid_demo", "GIDdemo1", "XGID_demo", "GID.demo"})
    void badPrefix(String id) {
        Verdict v = GroupIdRules.check(id);
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(GroupIdRules.RULE);
    }

    @Rule("LMQ-GID-1")
    @DisplayName("Characters outside 0-9 a-z A-Z - _ are refused")
    @ParameterizedTest(name = "Bad character refused in [{0}]")
    @ValueSource(strings = {"GID_a/b12", "GID_a:b12", "GID_a,b12", "GID_a%b12", "GID_a b12", "GID_a\u0001b12", "GID_a@b12", "GID_äbc12"})
    void badCharacters(String id) {
        Verdict v = GroupIdRules.check(id);
        assertThat(v.refused()).isTrue();
        assertThat(v.reason()).contains("contains");
    }

    @Rule("LMQ-GID-1")
    @Test
    @DisplayName("Empty and null refused")
    void empty() {
        assertThat(GroupIdRules.check("").refused()).isTrue();
        assertThat(GroupIdRules.check(null).refused()).isTrue();
    }
}
