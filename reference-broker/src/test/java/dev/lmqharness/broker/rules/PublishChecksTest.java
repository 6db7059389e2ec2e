package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.broker.auth.Permissions;
import dev.lmqharness.broker.auth.TokenAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("PublishChecks: topic, P2P, permission and payload checks, in order")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PublishChecksTest {

    private PayloadLimit payload;
    private PublishChecks lmq;
    private final Permissions all = Permissions.all();

    @BeforeEach
    void setUp() {
        InstanceRegistry registry = new InstanceRegistry("i", LmqLimits.defaults());
        registry.createParentTopic("topic");
        payload = new PayloadLimit(LmqLimits.defaults());
        lmq = new PublishChecks(new TopicRules(LmqLimits.defaults(), registry), payload);
    }

    @Test
    @DisplayName("A valid topic with 65,536 bytes is delivered; 65,537 acknowledged and discarded")
    void payloadLast() {
        assertThat(lmq.check("topic/a", 65_536, all::checkPublish).delivers()).isTrue();
        PublishVerdict big = lmq.check("topic/a", 65_537, all::checkPublish);
        assertThat(big.action()).isEqualTo(PublishVerdict.Action.ACK_AND_DISCARD);
        assertThat(payload.discardedCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("A bad topic closes the connection even when the payload is also too big, and is not counted as oversize")
    void topicFirst() {
        PublishVerdict v = lmq.check("nope/a", 70_000, all::checkPublish);
        assertThat(v.closesConnection()).isTrue();
        assertThat(v.ruleId()).isEqualTo(TopicRules.PARENT);
        assertThat(payload.discardedCount()).isZero();
    }

    @Test
    @DisplayName("Publishing without W permission is discarded and closes the connection")
    void permission() {
        Permissions readOnly = Permissions.of(List.of("topic/#"), List.of());
        PublishVerdict v = lmq.check("topic/a", 10, readOnly::checkPublish);
        assertThat(v.closesConnection()).isTrue();
        assertThat(v.ruleId()).isEqualTo(TokenAuthenticator.RULE);
    }

    @Test
    @DisplayName("A P2P address is delivered")
    void p2p() {
        assertThat(lmq.check("topic/p2p/GID_demo@@@b", 10, all::checkPublish).delivers()).isTrue();
    }

    @Test
    @Rule("MQTT-3.3.2-2")
    @DisplayName("The plain MQTT profile checks topic-name syntax only, no size limit")
    void plainMqtt() {
        PublishChecks mqtt = new PublishChecks(null, null);
        assertThat(mqtt.check("anything/at/all", 10_000_000, all::checkPublish).delivers()).isTrue();
        assertThat(mqtt.check("a/+", 1, all::checkPublish).ruleId()).isEqualTo("MQTT-3.3.2-2");
    }
}
