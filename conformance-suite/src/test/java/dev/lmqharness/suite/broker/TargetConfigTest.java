package dev.lmqharness.suite.broker;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.kit.auth.UserPass;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetConfigTest {

    @Test
    void noUrlMeansTheBundledBrokerWithPlainMqttDefaults() {
        TargetConfig c = TargetConfig.from(Map.of());
        assertThat(c.bundled()).isTrue();
        assertThat(c.profile()).isEqualTo(TargetProfile.MQTT311);
        assertThat(c.auth()).isEqualTo(AuthMode.NONE);
        assertThat(c.capabilities()).isEmpty();
        assertThat(c.namespace()).matches("[0-9a-z]{7}");
        assertThat(c.limits().get(Limits.Name.PAYLOAD_MAX_BYTES)).isEqualTo(65_536);
    }

    @Test
    void everyKeyIsRead() {
        TargetConfig c = TargetConfig.from(Map.ofEntries(
                Map.entry("lmq.url", "wss://broker.example:8443/mqtt"),
                Map.entry("lmq.url.tcp", "tcp://broker.example:1883"),
                Map.entry("lmq.profile", "lmq"),
                Map.entry("lmq.auth", "signature"),
                Map.entry("lmq.accessKey", "AK"),
                Map.entry("lmq.secretKey", "SK"),
                Map.entry("lmq.instanceId", "inst"),
                Map.entry("lmq.groupId", "GID_test"),
                Map.entry("lmq.parentTopic", "parent"),
                Map.entry("lmq.capabilities", "admin-api, slow"),
                Map.entry("lmq.adminUrl", "http://broker.example:8080"),
                Map.entry("lmq.adminToken", "admin-token-0123456789"),
                Map.entry("lmq.namespace", "abc123"),
                Map.entry("lmq.limit.topicMaxLength", "128"),
                Map.entry("lmq.timeoutSeconds", "20"),
                Map.entry("lmq.quietMillis", "250")));
        assertThat(c.url()).isEqualTo(new BrokerAddress(Scheme.WSS, "broker.example", 8443, "/mqtt"));
        assertThat(c.extraEndpoints()).containsKey(Scheme.TCP);
        assertThat(c.profile()).isEqualTo(TargetProfile.LMQ);
        assertThat(c.capabilities()).containsExactlyInAnyOrder(Capability.ADMIN_API, Capability.SLOW);
        assertThat(c.limits().get(Limits.Name.TOPIC_MAX_LENGTH)).isEqualTo(128);
        assertThat(c.limits().isOverridden(Limits.Name.TOPIC_MAX_LENGTH)).isTrue();
        assertThat(c.timeout().toSeconds()).isEqualTo(20);
        assertThat(c.quiet().toMillis()).isEqualTo(250);
        assertThat(c.namespace()).isEqualTo("abc123");
        assertThat(c.adminToken()).isEqualTo("admin-token-0123456789");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "http://x:1"))).hasMessageStartingWith("lmq.url:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.profile", "enterprise"))).hasMessageStartingWith("lmq.profile:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.auth", "kerberos"))).hasMessageStartingWith("lmq.auth:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.capabilities", "teleport"))).hasMessageStartingWith("lmq.capabilities:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.limit.payloadMaxBytes", "lots"))).hasMessageStartingWith("lmq.limit.payloadMaxBytes:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.limit.nosuch", "1"))).hasMessageStartingWith("lmq.limit.nosuch:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.namespace", "has/slash"))).hasMessageStartingWith("lmq.namespace:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url.ws", "tcp://x:1"))).hasMessageStartingWith("lmq.url.ws:");
    }

    @Test
    void authModesNeedTheirCredentials() {
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.auth", "password"))).hasMessageStartingWith("lmq.username:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.auth", "signature", "lmq.accessKey", "a",
                "lmq.instanceId", "i"))).hasMessageStartingWith("lmq.secretKey:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.auth", "token", "lmq.accessKey", "a",
                "lmq.instanceId", "i"))).hasMessageStartingWith("lmq.token:");
        // The bundled broker makes the keys and the token of a run itself.
        assertThat(TargetConfig.from(Map.of("lmq.auth", "signature")).auth()).isEqualTo(AuthMode.SIGNATURE);
        assertThat(TargetConfig.from(Map.of("lmq.auth", "token")).auth()).isEqualTo(AuthMode.TOKEN);
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.profile", "lmq")))
                .hasMessageStartingWith("lmq.groupId:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.capabilities", "status-events")))
                .hasMessageStartingWith("lmq.eventsTopic:");
    }

    @Test
    void adminUrlGivesTheAdminCapabilitiesOfAnExternalTarget() {
        TargetConfig c = TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.adminUrl", "http://127.0.0.1:8080/",
                "lmq.capabilities", "admin-api,clock-control"));
        assertThat(c.adminUrl()).hasToString("http://127.0.0.1:8080");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.capabilities", "admin-api")))
                .hasMessageStartingWith("lmq.adminUrl:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.adminUrl", "ftp://x")))
                .hasMessageStartingWith("lmq.adminUrl:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.adminUrl", "http://x:1")))
                .as("the bundled broker has its own admin API").hasMessageStartingWith("lmq.adminUrl:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.adminToken", "t0123456789abcdef")))
                .hasMessage("lmq.adminToken: needs lmq.adminUrl (the bundled broker makes its own token)");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.adminToken", "t0123456789abcdef")))
                .as("nor a token for the bundled broker").hasMessageStartingWith("lmq.adminToken:");
    }

    @Test
    void breakRulesAreForTheBundledBrokerAndNameBreakableRules() {
        assertThat(TargetConfig.from(Map.of("lmq.breakRules", "LMQ-SUB-1, LMQ-MSG-1")).breakRules())
                .containsExactly("LMQ-MSG-1", "LMQ-SUB-1");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.breakRules", "LMQ-NOPE-1"))).hasMessageStartingWith("lmq.breakRules:");
        assertThatThrownBy(() -> TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.breakRules", "LMQ-SUB-1")))
                .hasMessageStartingWith("lmq.breakRules:");
    }

    @Test
    void credentialsFollowTheAuthMode() {
        TargetConfig sig = TargetConfig.from(Map.of("lmq.auth", "signature", "lmq.accessKey", "AK", "lmq.secretKey", "SK",
                "lmq.instanceId", "inst"));
        UserPass c = sig.credentials().forClient("GID_x@@@dev1");
        assertThat(c.username()).isEqualTo("Signature|AK|inst");
        // HMAC-SHA1 is deterministic: the same inputs give the same Base64 text, another client ID another one.
        assertThat(new String(c.password())).isEqualTo(Credentials.Signature.sign("SK", "GID_x@@@dev1"))
                .isNotEqualTo(Credentials.Signature.sign("SK", "GID_x@@@dev2")).hasSize(28);
        TargetConfig tok = TargetConfig.from(Map.of("lmq.url", "tcp://x:1", "lmq.auth", "token", "lmq.accessKey", "AK",
                "lmq.token", "t0k", "lmq.instanceId", "inst"));
        assertThat(new String(tok.credentials().forClient("x").password())).isEqualTo("RW|t0k");
        assertThat(Credentials.tokenPassword("R|a|W|b")).isEqualTo("R|a|W|b");
    }

    @Test
    void namingIsValidForTheProfile() {
        Naming plain = new Naming(TargetProfile.MQTT311, "abc1234", "GID_x", "parent");
        assertThat(plain.clientId()).matches("[0-9a-zA-Z]{1,23}");
        assertThat(plain.newTopicSpace().topic("a")).startsWith("lmqsuite/abc1234/");
        Naming lmq = new Naming(TargetProfile.LMQ, "abc1234", "GID_x", "parent");
        assertThat(lmq.clientId()).matches("GID_x@@@abc1234d\\d+");
        Naming.TopicSpace s = lmq.newTopicSpace();
        assertThat(s.topic("a")).matches("parent/abc1234t\\d+/a");
        assertThat(s.p2p("GID_x@@@d")).isEqualTo("parent/p2p/GID_x@@@d");
    }
}
