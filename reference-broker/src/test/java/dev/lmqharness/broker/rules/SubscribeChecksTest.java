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

@DisplayName("SubscribeChecks: topic, P2P, edition, permission and quota checks, in order")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SubscribeChecksTest {

    private static final String ME = "GID_demo@@@me";

    private InstanceRegistry registry;
    private WildcardQuota wildcards;
    private SubscribeChecks lmq;
    private SubscriptionQuota quota;
    private final Permissions all = Permissions.all();

    @BeforeEach
    void setUp() {
        registry = new InstanceRegistry("i", LmqLimits.defaults().withTopicLength(1, 64));
        registry.createParentTopic("A");
        registry.createParentTopic("Bee");
        wildcards = new WildcardQuota(2);
        lmq = new SubscribeChecks(new TopicRules(LmqLimits.defaults().withTopicLength(1, 64), registry),
                new EditionPolicy(Profile.LMQ), new QosSessionPolicy(Profile.LMQ), wildcards);
        quota = new SubscriptionQuota(3);
    }

    @Test
    @DisplayName("A granted filter takes a slot in both quotas and gets the requested QoS")
    void granted() {
        SubscribeOutcome o = lmq.check(ME, "A/#", 1, quota, all::checkSubscribe);
        assertThat(o.isGranted()).isTrue();
        assertThat(o.subackCode()).isEqualTo(1);
        assertThat(quota.holds("A/#")).isTrue();
        assertThat(wildcards.count("A")).isEqualTo(1);
    }

    @Test
    @DisplayName("A refused filter takes no quota slot")
    void refusedTakesNoSlot() {
        SubscribeOutcome o = lmq.check(ME, "nope/#", 1, quota, all::checkSubscribe);
        assertThat(o.subackCode()).isEqualTo(0x80);
        assertThat(o.verdict().ruleId()).isEqualTo(TopicRules.PARENT);
        assertThat(quota.count()).isZero();
        assertThat(wildcards.count("nope")).isZero();
    }

    @Test
    @DisplayName("A filter outside the R permission is refused before any quota")
    void permission() {
        Permissions readA = Permissions.of(List.of("A/x/#"), List.of());
        SubscribeOutcome o = lmq.check(ME, "A/#", 0, quota, readA::checkSubscribe);
        assertThat(o.verdict().ruleId()).isEqualTo(TokenAuthenticator.RULE);
        assertThat(quota.count()).isZero();
        assertThat(lmq.check(ME, "A/x/+", 0, quota, readA::checkSubscribe).isGranted()).isTrue();
    }

    @Test
    @DisplayName("When the wildcard quota refuses, the subscription slot just taken is given back")
    void rollback() {
        lmq.check("GID_demo@@@c1", "A/#", 0, new SubscriptionQuota(3), all::checkSubscribe);
        lmq.check("GID_demo@@@c2", "A/#", 0, new SubscriptionQuota(3), all::checkSubscribe);
        SubscribeOutcome o = lmq.check(ME, "A/+", 0, quota, all::checkSubscribe);
        assertThat(o.verdict().ruleId()).isEqualTo(WildcardQuota.RULE);
        assertThat(quota.count()).isZero();
    }

    @Test
    @DisplayName("The per-client cap refuses before the wildcard quota is touched")
    void perClientFirst() {
        for (String f : List.of("A/a", "A/b", "A/c")) {
            assertThat(lmq.check(ME, f, 0, quota, all::checkSubscribe).isGranted()).isTrue();
        }
        SubscribeOutcome o = lmq.check(ME, "Bee/#", 0, quota, all::checkSubscribe);
        assertThat(o.verdict().ruleId()).isEqualTo(SubscriptionQuota.RULE);
        assertThat(wildcards.count("Bee")).isZero();
    }

    @Test
    @DisplayName("Re-subscribing keeps both slots; release frees both")
    void resubscribeAndRelease() {
        lmq.check(ME, "A/#", 0, quota, all::checkSubscribe);
        assertThat(lmq.check(ME, "A/#", 2, quota, all::checkSubscribe).subackCode()).isEqualTo(2);
        assertThat(quota.count()).isEqualTo(1);
        assertThat(wildcards.count("A")).isEqualTo(1);
        assertThat(lmq.release(ME, "A/#", quota)).isTrue();
        assertThat(quota.count()).isZero();
        assertThat(wildcards.count("A")).isZero();
        assertThat(lmq.release(ME, "A/#", quota)).isFalse();
    }

    @Test
    @DisplayName("Re-subscribing a held filter at the wildcard cap keeps the per-client slot")
    void resubscribeAtWildcardCap() {
        lmq.check(ME, "A/#", 0, quota, all::checkSubscribe);
        lmq.check("GID_demo@@@other", "A/#", 0, new SubscriptionQuota(3), all::checkSubscribe);
        assertThat(lmq.check(ME, "A/#", 1, quota, all::checkSubscribe).isGranted()).isTrue();
        assertThat(quota.holds("A/#")).isTrue();
    }

    @Test
    @DisplayName("A refused re-subscribe never drops the client's existing subscription slot")
    void refusedResubscribeKeepsRestoredSlot() {
        // a restored persistent session holds A/# in its own quota, while others filled the wildcard quota
        SubscriptionQuota restored = new SubscriptionQuota(3, List.of("A/#"));
        lmq.check("GID_demo@@@c1", "A/#", 0, new SubscriptionQuota(3), all::checkSubscribe);
        lmq.check("GID_demo@@@c2", "A/#", 0, new SubscriptionQuota(3), all::checkSubscribe);
        SubscribeOutcome o = lmq.check(ME, "A/#", 1, restored, all::checkSubscribe);
        assertThat(o.verdict().ruleId()).isEqualTo(WildcardQuota.RULE);
        assertThat(restored.holds("A/#")).isTrue();
    }

    @Test
    @DisplayName("Lite refuses wildcards and grants QoS0")
    void lite() {
        SubscribeChecks lite = new SubscribeChecks(new TopicRules(LmqLimits.defaults().withTopicLength(1, 64), registry),
                new EditionPolicy(Profile.LITE), new QosSessionPolicy(Profile.LITE), wildcards);
        assertThat(lite.check(ME, "A/#", 1, quota, all::checkSubscribe).verdict().ruleId()).isEqualTo(EditionPolicy.RULE);
        assertThat(lite.check(ME, "A/x", 2, quota, all::checkSubscribe).subackCode()).isZero();
    }

    @Test
    @DisplayName("Only the own P2P address can be subscribed")
    void p2p() {
        assertThat(lmq.check(ME, "A/p2p/" + ME, 1, quota, all::checkSubscribe).isGranted()).isTrue();
        assertThat(lmq.check(ME, "A/p2p/GID_demo@@@you", 1, quota, all::checkSubscribe).verdict().ruleId())
                .isEqualTo(P2pAddress.RULE);
    }

    @Test
    @Rule("MQTT-4.7.1-2")
    @DisplayName("The plain MQTT profile checks filter syntax only, with no quotas")
    void plainMqtt() {
        SubscribeChecks mqtt = new SubscribeChecks(null, new EditionPolicy(Profile.MQTT311),
                new QosSessionPolicy(Profile.MQTT311), null);
        assertThat(mqtt.check("any", "#", 2, null, all::checkSubscribe).subackCode()).isEqualTo(2);
        assertThat(mqtt.check("any", "a/#/b", 0, null, all::checkSubscribe).verdict().ruleId()).isEqualTo("MQTT-4.7.1-2");
        assertThat(mqtt.release("any", "#", null)).isFalse();
    }
}
