package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("InstanceRegistry: Group IDs, parent topics and access keys")
class InstanceRegistryTest {

    private final InstanceRegistry registry = new InstanceRegistry("mqtt-test", LmqLimits.defaults());

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("A Group ID must be created before use; create/list/delete")
    void groupLifecycle() {
        assertThat(registry.groupExists("GID_demo")).isFalse();
        assertThat(registry.createGroup("GID_demo").ok()).isTrue();
        assertThat(registry.createGroup("GID-second").ok()).isTrue();
        assertThat(registry.groupExists("GID_demo")).isTrue();
        assertThat(registry.listGroups()).containsExactly("GID_demo", "GID-second");
        assertThat(registry.deleteGroup("GID_demo").ok()).isTrue();
        assertThat(registry.groupExists("GID_demo")).isFalse();
        assertThat(registry.deleteGroup("GID_demo").ok()).isFalse();
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("A Group ID is unique on the instance")
    void groupUnique() {
        registry.createGroup("GID_demo");
        RegistryResult again = registry.createGroup("GID_demo");
        assertThat(again.ok()).isFalse();
        assertThat(again.ruleId()).isEqualTo(GroupIdRules.RULE);
        assertThat(again.reason()).contains("already exists");
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("An invalid Group ID cannot be created")
    void groupSyntax() {
        RegistryResult r = registry.createGroup("demo");
        assertThat(r.ok()).isFalse();
        assertThat(r.ruleId()).isEqualTo(GroupIdRules.RULE);
        assertThat(registry.listGroups()).isEmpty();
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("Parent topics create/list/delete, listed as created")
    void parentLifecycle() {
        assertThat(registry.createParentTopic("Demo").ok()).isTrue();
        assertThat(registry.createParentTopic("other_topic").ok()).isTrue();
        assertThat(registry.listParentTopics()).containsExactly("Demo", "other_topic");
        assertThat(registry.parentTopicExists("Demo")).isTrue();
        assertThat(registry.deleteParentTopic("DEMO").ok()).isTrue();
        assertThat(registry.parentTopicExists("Demo")).isFalse();
        assertThat(registry.listParentTopics()).containsExactly("other_topic");
        assertThat(registry.deleteParentTopic("Demo").ruleId()).isEqualTo(TopicRules.PARENT);
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("Parent topic names are unique ignoring case")
    void parentCaseInsensitiveUniqueness() {
        assertThat(registry.createParentTopic("Demo").ok()).isTrue();
        RegistryResult clash = registry.createParentTopic("dEMO");
        assertThat(clash.ok()).isFalse();
        assertThat(clash.ruleId()).isEqualTo(TopicRules.PARENT);
        assertThat(clash.reason()).contains("case-insensitive").contains("Demo");
        assertThat(registry.findParentTopic("DEMO")).contains("Demo");
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("A topic's first level must match the created name exactly (MQTT is case-sensitive)")
    void parentExactLookup() {
        registry.createParentTopic("Demo");
        assertThat(registry.parentTopicExists("Demo")).isTrue();
        assertThat(registry.parentTopicExists("demo")).isFalse();
        assertThat(registry.parentTopicExists(null)).isFalse();
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("The 25th parent topic is created, the 26th refused")
    void twentyFiveParents() {
        for (int i = 1; i <= 25; i++) {
            assertThat(registry.createParentTopic("parent" + i).ok()).as("parent %d", i).isTrue();
        }
        RegistryResult twentySixth = registry.createParentTopic("parent26");
        assertThat(twentySixth.ok()).isFalse();
        assertThat(twentySixth.ruleId()).isEqualTo(InstanceRegistry.PARENT_TOPIC_CAP);
        assertThat(registry.listParentTopics()).hasSize(25);
        // deleting one frees a place
        registry.deleteParentTopic("parent1");
        assertThat(registry.createParentTopic("parent26").ok()).isTrue();
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("The cap is configurable")
    void configurableCap() {
        InstanceRegistry small = new InstanceRegistry("i", LmqLimits.defaults().withMaxParentTopics(2));
        assertThat(small.createParentTopic("aaa").ok()).isTrue();
        assertThat(small.createParentTopic("bbb").ok()).isTrue();
        assertThat(small.createParentTopic("ccc").ruleId()).isEqualTo(InstanceRegistry.PARENT_TOPIC_CAP);
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @Timeout(10)
    @DisplayName("Concurrent creates never exceed 25 parent topics")
    void concurrentCreates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = "topic" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.createParentTopic(name).ok();
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<Boolean> f : results) {
                ok += f.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(ok).isEqualTo(25);
            assertThat(registry.listParentTopics()).hasSize(25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("A parent topic name is checked for characters and length")
    void parentNameChecks() {
        assertThat(registry.createParentTopic("a/b").ruleId()).isEqualTo(TopicRules.LEVELS);
        assertThat(registry.createParentTopic("a b").ruleId()).isEqualTo(TopicRules.LEVELS);
        assertThat(registry.createParentTopic("").ruleId()).isEqualTo(TopicRules.LEVELS);
        assertThat(registry.createParentTopic("ab").ruleId()).isEqualTo(TopicRules.LENGTH);
        assertThat(registry.createParentTopic("abc").ok()).isTrue();
        assertThat(registry.createParentTopic("x".repeat(64)).ok()).isTrue();
        assertThat(registry.createParentTopic("y".repeat(65)).ruleId()).isEqualTo(TopicRules.LENGTH);
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("Access keys are stored, looked up and removed; secrets are never listed")
    void accessKeys() {
        assertThat(registry.addAccessKey("AK1", "secret1").ok()).isTrue();
        assertThat(registry.secretKeyOf("AK1")).contains("secret1");
        assertThat(registry.accessKeyExists("AK1")).isTrue();
        assertThat(registry.addAccessKey("AK1", "other").ok()).isFalse();
        assertThat(registry.addAccessKey("A|K", "s").ok()).isFalse();
        assertThat(registry.addAccessKey("AK2", "").ok()).isFalse();
        assertThat(registry.listAccessKeys()).containsExactly("AK1");
        assertThat(registry.removeAccessKey("AK1").ok()).isTrue();
        assertThat(registry.secretKeyOf("AK1")).isEmpty();
        assertThat(registry.removeAccessKey("AK1").ok()).isFalse();
    }

    @Rule("LMQ-TOPIC-4")
    @Test
    @DisplayName("The instance ID may not contain the username separator '|'")
    void instanceId() {
        assertThat(registry.instanceId()).isEqualTo("mqtt-test");
        assertThatThrownBy(() -> new InstanceRegistry("a|b", LmqLimits.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
