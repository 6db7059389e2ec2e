package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Client ID length, characters and form")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClientIdRulesTest {

    private final ClientIdRules rules = new ClientIdRules(LmqLimits.defaults());
    private final GroupDirectory groups = Set.of("GID_demo")::contains;

    /** A Client ID of exactly {@code length} characters in group GID_demo. */
    private static String clientIdOfLength(int length) {
        String prefix = "GID_demo@@@";
        return prefix + "d".repeat(length - prefix.length());
    }

    @Rule("LMQ-CID-1")
    @Test
    @DisplayName("64 characters accepted")
    void sixtyFourAccepted() {
        String id = clientIdOfLength(64);
        assertThat(id).hasSize(64);
        assertThat(rules.check(id, groups).allowed()).isTrue();
    }

    @Rule("LMQ-CID-1")
    @Test
    @DisplayName("65 characters refused with CONNACK 0x02")
    void sixtyFiveRefused() {
        Verdict v = rules.check(clientIdOfLength(65), groups);
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(ClientIdRules.LENGTH);
        assertThat(v.returnCode()).isEqualTo(0x02);
        assertThat(v.reason()).contains("65").contains("64");
    }

    @Rule("LMQ-CID-1")
    @Test
    @DisplayName("The limit is configurable")
    void configurable() {
        ClientIdRules longer = new ClientIdRules(LmqLimits.defaults().withClientIdMaxLength(80));
        assertThat(longer.checkSyntax(clientIdOfLength(80)).allowed()).isTrue();
        assertThat(longer.checkSyntax(clientIdOfLength(81)).ruleId()).isEqualTo(ClientIdRules.LENGTH);
    }

    @Rule("LMQ-CID-2")
    @DisplayName("/ : , % space, control and non-ASCII characters are refused")
    @ParameterizedTest(name = "Refused character in [{0}]")
    @ValueSource(strings = {"GID_demo@@@dev/1", "GID_demo@@@dev:1", "GID_demo@@@dev,1", "GID_demo@@@dev%1",
            "GID_demo@@@dev 1", "GID_demo@@@dev\t1", "GID_demo@@@dev\u00001", "GID_demo@@@dev\u007f1",
            "GID_demo@@@dev\u00e91", "GID_demo@@@dev.1", "GID_demo@@@dev#1", "GID_demo@@@dev+1"})
    void badCharacters(String id) {
        Verdict v = rules.checkSyntax(id);
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(ClientIdRules.CHARACTERS);
        assertThat(v.returnCode()).isEqualTo(MqttCodes.CONNACK_IDENTIFIER_REJECTED);
        assertThat(v.reason()).contains("U+");
    }

    @Rule("LMQ-CID-2")
    @Test
    @DisplayName("All allowed characters 0-9 a-z A-Z - _ pass")
    void allAllowedCharacters() {
        assertThat(rules.checkSyntax("GID_az-AZ_09@@@abcxyzABCXYZ0123456789-_").allowed()).isTrue();
    }

    @Rule("LMQ-CID-2")
    @DisplayName("'@' outside the @@@ separator is refused")
    @ParameterizedTest(name = "'@' outside the separator refused in [{0}]")
    @ValueSource(strings = {"GID_demo@dev", "GID_demo@@dev", "GID_demo@@@@dev", "GID_demo@@@de@v", "GID_d@emo@@@dev"})
    void strayAt(String id) {
        assertThat(rules.checkSyntax(id).ruleId()).isEqualTo(ClientIdRules.CHARACTERS);
    }

    @Rule("LMQ-CID-3")
    @Test
    @DisplayName("<GroupID>@@@<DeviceID> accepted and split")
    void form() {
        assertThat(rules.parse("GID_demo@@@device-1"))
                .contains(new ClientIdRules.ClientId("GID_demo", "device-1"));
        assertThat(rules.parse("GID_demo@@@device-1").orElseThrow().toString()).isEqualTo("GID_demo@@@device-1");
    }

    @Rule("LMQ-CID-3")
    @DisplayName("Client IDs not of the form <GroupID>@@@<DeviceID> are refused")
    @ParameterizedTest(name = "Wrong form refused: [{0}]")
    @ValueSource(strings = {"", "GID_demo_device", "@@@device", "GID_demo@@@", "GID_demo@@@a@@@b"})
    void wrongForm(String id) {
        Verdict v = rules.checkSyntax(id);
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(ClientIdRules.FORM);
        assertThat(rules.parse(id)).isEmpty();
    }

    @Rule("LMQ-CID-3")
    @Test
    @DisplayName("Null refused")
    void nullRefused() {
        assertThat(rules.checkSyntax(null).ruleId()).isEqualTo(ClientIdRules.FORM);
    }

    @Rule({"LMQ-CID-1", "LMQ-CID-2", "LMQ-CID-3"})
    @Test
    @DisplayName("The Group ID part must be a valid Group ID")
    void groupPartSyntax() {
        Verdict v = rules.checkSyntax("demo@@@device");
        assertThat(v.ruleId()).isEqualTo(GroupIdRules.RULE);
        assertThat(v.returnCode()).isEqualTo(0x02);
    }

    @Rule({"LMQ-CID-1", "LMQ-CID-2", "LMQ-CID-3"})
    @Test
    @DisplayName("An unknown Group ID is refused like a bad identifier (0x02)")
    void unknownGroup() {
        Verdict v = rules.check("GID_other@@@device", groups);
        assertThat(v.refused()).isTrue();
        assertThat(v.ruleId()).isEqualTo(GroupIdRules.RULE);
        assertThat(v.returnCode()).isEqualTo(MqttCodes.CONNACK_IDENTIFIER_REJECTED);
        assertThat(v.reason()).contains("GID_other");
        assertThat(rules.checkSyntax("GID_other@@@device").allowed()).isTrue();
    }
}
