package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Lite edition has no wildcards, offline messages or rules")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EditionPolicyTest {

    @Rule("LMQ-ED-1")
    @Test
    @DisplayName("Lite refuses wildcard filters with 0x80 and accepts plain ones")
    void liteWildcards() {
        EditionPolicy lite = new EditionPolicy(Profile.LITE);
        Verdict hash = lite.checkSubscribe("topic/#");
        assertThat(hash.ruleId()).isEqualTo(EditionPolicy.RULE);
        assertThat(hash.returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(lite.checkSubscribe("topic/+/a").refused()).isTrue();
        assertThat(lite.checkSubscribe("topic/a").allowed()).isTrue();
        assertThat(lite.lmqRulesApply()).isTrue();
    }

    @Rule("LMQ-ED-1")
    @Test
    @DisplayName("The standard edition and plain MQTT allow wildcards")
    void standard() {
        EditionPolicy lmq = new EditionPolicy(Profile.LMQ);
        assertThat(lmq.checkSubscribe("topic/#").allowed()).isTrue();
        assertThat(lmq.lmqRulesApply()).isTrue();
        EditionPolicy mqtt = new EditionPolicy(Profile.MQTT311);
        assertThat(mqtt.checkSubscribe("#").allowed()).isTrue();
        assertThat(mqtt.lmqRulesApply()).isFalse();
    }
}
