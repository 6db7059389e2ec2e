package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.rules.MqttCodes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Permissions checked on PUBLISH and SUBSCRIBE")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PermissionsTest {

    @Test
    @DisplayName("Unrestricted permissions allow everything (signature mode, anonymous)")
    void all() {
        Permissions p = Permissions.all();
        assertThat(p.canPublish("any/topic")).isTrue();
        assertThat(p.canSubscribe("#")).isTrue();
    }

    @Test
    @DisplayName("W resources match published topics with MQTT wildcards")
    void write() {
        Permissions p = Permissions.of(List.of(), List.of("topic/+/status", "other/#"));
        assertThat(p.canPublish("topic/dev1/status")).isTrue();
        assertThat(p.canPublish("topic/dev1/other")).isFalse();
        assertThat(p.canPublish("other")).isTrue();
        assertThat(p.canPublish("other/a/b/c")).isTrue();
        assertThat(p.checkPublish("x/y").closesConnection()).isTrue();
    }

    @Test
    @DisplayName("A SUBSCRIBE filter must lie within an R resource")
    void read() {
        Permissions p = Permissions.of(List.of("topic/a/#"), List.of());
        assertThat(p.canSubscribe("topic/a/b")).isTrue();
        assertThat(p.canSubscribe("topic/a/+/c")).isTrue();
        assertThat(p.canSubscribe("topic/#")).isFalse();
        assertThat(p.canSubscribe("topic/+/b")).isFalse();
        assertThat(p.checkSubscribe("topic/#").returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(p.checkSubscribe("topic/#").ruleId()).isEqualTo(TokenAuthenticator.RULE);
    }

    @Test
    @DisplayName("No resources, no rights; duplicates collapse")
    void none() {
        Permissions p = Permissions.of(List.of("a/b", "a/b"), List.of());
        assertThat(p.readFilters()).containsExactly("a/b");
        assertThat(Permissions.of(List.of(), List.of()).canPublish("a/b")).isFalse();
    }
}
