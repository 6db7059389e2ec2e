package dev.lmqharness.broker.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("LMQ-GID-1: Group ID syntax")
class GroupIdRulesTest {

    @Test
    @DisplayName("LMQ-GID-1: 7 characters (GID_abc) accepted, 6 (GID_ab) refused")
    void sevenCharacters() {
        assertThat(GroupIdRules.check("GID_abc").allowed()).isTrue();
        Verdict six = GroupIdRules.check("GID_ab");
        assertThat(six.refused()).isTrue();
        assertThat(six.ruleId()).isEqualTo("LMQ-GID-1");
        assertThat(six.returnCode()).isEqualTo(MqttCodes.CONNACK_IDENTIFIER_REJECTED);
        assertThat(six.reason()).contains("6 characters");
    }

    @Test
    @DisplayName("LMQ-GID-1: 64 characters accepted, 65 refused")
    void sixtyFour() {
        assertThat(GroupIdRules.check("GID_" + "a".repeat(60)).allowed()).isTrue();
        assertThat(GroupIdRules.check("GID_" + "a".repeat(61)).refused()).isTrue();
    }

    @DisplayName("LMQ-GID-1: GID_ and GID- prefixes are accepted")
    @ParameterizedTest(name = "LMQ-GID-1: prefix accepted in {0}")
    @ValueSource(strings = {"GID_demo", "GID-demo", "GID_0-9_aZ"})
    void prefixes(String id) {
        assertThat(GroupIdRules.check(id).allowed()).isTrue();
    }

    @DisplayName("LMQ-GID-1: missing or wrong prefix refused")
    @ParameterizedTest(name = "LMQ-GID-1: missing or wrong prefix refused: {0}")
    @ValueSource(strings = {"demo_group", "gid_demo", "GIDdemo1", "XGID_demo", "GID.demo"})
    void badPrefix(String id) {
        Verdict v = GroupIdRules.check(id);
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo("LMQ-GID-1");
    }

    @DisplayName("LMQ-GID-1: characters outside 0-9 a-z A-Z - _ are refused")
    @ParameterizedTest(name = "LMQ-GID-1: bad character refused in [{0}]")
    @ValueSource(strings = {"GID_a/b12", "GID_a:b12", "GID_a,b12", "GID_a%b12", "GID_a b12", "GID_a\u0001b12", "GID_a@b12", "GID_äbc12"})
    void badCharacters(String id) {
        Verdict v = GroupIdRules.check(id);
        assertThat(v.refused()).isTrue();
        assertThat(v.reason()).contains("contains");
    }

    @Test
    @DisplayName("LMQ-GID-1: empty and null refused")
    void empty() {
        assertThat(GroupIdRules.check("").refused()).isTrue();
        assertThat(GroupIdRules.check(null).refused()).isTrue();
    }
}
