package dev.lmqharness.broker.rules;

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

@DisplayName("InstanceRegistry: LMQ-GID-1, LMQ-TOPIC-3, LMQ-TOPIC-4 and access keys")
class InstanceRegistryTest {

    private final InstanceRegistry registry = new InstanceRegistry("mqtt-test", LmqLimits.defaults());

    @Test
    @DisplayName("LMQ-GID-1: a Group ID must be created before use; create/list/delete")
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

    @Test
    @DisplayName("LMQ-GID-1: a Group ID is unique on the instance")
    void groupUnique() {
        registry.createGroup("GID_demo");
        RegistryResult again = registry.createGroup("GID_demo");
        assertThat(again.ok()).isFalse();
        assertThat(again.ruleId()).isEqualTo("LMQ-GID-1");
        assertThat(again.reason()).contains("already exists");
    }

    @Test
    @DisplayName("LMQ-GID-1: an invalid Group ID cannot be created")
    void groupSyntax() {
        RegistryResult r = registry.createGroup("demo");
        assertThat(r.ok()).isFalse();
        assertThat(r.ruleId()).isEqualTo("LMQ-GID-1");
        assertThat(registry.listGroups()).isEmpty();
    }

    @Test
    @DisplayName("LMQ-TOPIC-3: parent topics create/list/delete, listed as created")
    void parentLifecycle() {
        assertThat(registry.createParentTopic("Demo").ok()).isTrue();
        assertThat(registry.createParentTopic("other_topic").ok()).isTrue();
        assertThat(registry.listParentTopics()).containsExactly("Demo", "other_topic");
        assertThat(registry.parentTopicExists("Demo")).isTrue();
        assertThat(registry.deleteParentTopic("DEMO").ok()).isTrue();
        assertThat(registry.parentTopicExists("Demo")).isFalse();
        assertThat(registry.listParentTopics()).containsExactly("other_topic");
        assertThat(registry.deleteParentTopic("Demo").ruleId()).isEqualTo("LMQ-TOPIC-3");
    }

    @Test
    @DisplayName("LMQ-TOPIC-3: parent topic names are unique ignoring case")
    void parentCaseInsensitiveUniqueness() {
        assertThat(registry.createParentTopic("Demo").ok()).isTrue();
        RegistryResult clash = registry.createParentTopic("dEMO");
        assertThat(clash.ok()).isFalse();
        assertThat(clash.ruleId()).isEqualTo("LMQ-TOPIC-3");
        assertThat(clash.reason()).contains("case-insensitive").contains("Demo");
        assertThat(registry.findParentTopic("DEMO")).contains("Demo");
    }

    @Test
    @DisplayName("LMQ-TOPIC-3: a topic's first level must match the created name exactly (MQTT is case-sensitive)")
    void parentExactLookup() {
        registry.createParentTopic("Demo");
        assertThat(registry.parentTopicExists("Demo")).isTrue();
        assertThat(registry.parentTopicExists("demo")).isFalse();
        assertThat(registry.parentTopicExists(null)).isFalse();
    }

    @Test
    @DisplayName("LMQ-TOPIC-4: the 25th parent topic is created, the 26th refused")
    void twentyFiveParents() {
        for (int i = 1; i <= 25; i++) {
            assertThat(registry.createParentTopic("parent" + i).ok()).as("parent %d", i).isTrue();
        }
        RegistryResult twentySixth = registry.createParentTopic("parent26");
        assertThat(twentySixth.ok()).isFalse();
        assertThat(twentySixth.ruleId()).isEqualTo("LMQ-TOPIC-4");
        assertThat(registry.listParentTopics()).hasSize(25);
        // deleting one frees a place
        registry.deleteParentTopic("parent1");
        assertThat(registry.createParentTopic("parent26").ok()).isTrue();
    }

    @Test
    @DisplayName("LMQ-TOPIC-4: the cap is configurable")
    void configurableCap() {
        InstanceRegistry small = new InstanceRegistry("i", LmqLimits.defaults().withMaxParentTopics(2));
        assertThat(small.createParentTopic("aaa").ok()).isTrue();
        assertThat(small.createParentTopic("bbb").ok()).isTrue();
        assertThat(small.createParentTopic("ccc").ruleId()).isEqualTo("LMQ-TOPIC-4");
    }

    @Test
    @Timeout(10)
    @DisplayName("LMQ-TOPIC-4: concurrent creates never exceed 25 parent topics")
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

    @Test
    @DisplayName("LMQ-TOPIC-2 / LMQ-TOPIC-1: a parent topic name is checked for characters and length")
    void parentNameChecks() {
        assertThat(registry.createParentTopic("a/b").ruleId()).isEqualTo("LMQ-TOPIC-2");
        assertThat(registry.createParentTopic("a b").ruleId()).isEqualTo("LMQ-TOPIC-2");
        assertThat(registry.createParentTopic("").ruleId()).isEqualTo("LMQ-TOPIC-2");
        assertThat(registry.createParentTopic("ab").ruleId()).isEqualTo("LMQ-TOPIC-1");
        assertThat(registry.createParentTopic("abc").ok()).isTrue();
        assertThat(registry.createParentTopic("x".repeat(64)).ok()).isTrue();
        assertThat(registry.createParentTopic("y".repeat(65)).ruleId()).isEqualTo("LMQ-TOPIC-1");
    }

    @Test
    @DisplayName("LMQ-AUTH-1: access keys are stored, looked up and removed; secrets are never listed")
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

    @Test
    @DisplayName("LMQ-AUTH-1: the instance ID may not contain the username separator '|'")
    void instanceId() {
        assertThat(registry.instanceId()).isEqualTo("mqtt-test");
        assertThatThrownBy(() -> new InstanceRegistry("a|b", LmqLimits.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
