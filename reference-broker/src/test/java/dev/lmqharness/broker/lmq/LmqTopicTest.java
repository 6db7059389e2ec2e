package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.rules.RegistryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Topic rules over real sockets: LMQ-TOPIC-1..4. Per the topics Decision a bad filter gets SUBACK
 * 0x80, and a PUBLISH to a bad topic reaches no one and closes the publisher's connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqTopicTest {

    private static LmqTestBroker broker;

    @BeforeAll
    static void start() {
        broker = LmqTestBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** A topic under {@value LmqTestBroker#PARENT} of exactly {@code length} characters. */
    private static String topicOfLength(int length) {
        String prefix = PARENT + "/";
        return prefix + "x".repeat(length - prefix.length());
    }

    /**
     * A PUBLISH to a bad topic from a {@code kind} client: a subscriber on parent1/# never gets it,
     * and the publisher's connection is closed (the reference broker's choice in the Decision).
     */
    private static void assertPublishRefused(ClientKind kind, String badTopic) {
        try (TestMqttClient watcher = broker.connected(ClientKind.HIVEMQ);
             TestMqttClient offender = broker.connected(kind);
             TestMqttClient other = broker.connected(ClientKind.HIVEMQ)) {
            assertThat(watcher.subscribe(PARENT + "/#", 1)).isEqualTo(1);
            offender.publishAsync(badTopic, "bad".getBytes(), 1);
            Waits.atMost(Duration.ofSeconds(5)).alias("connection of the publisher to " + badTopic + " closed")
                    .until(() -> !offender.isConnected());
            Markers.flush(watcher, other);
            assertThat(watcher.inbox().all()).extracting(Received::text).doesNotContain("bad");
        }
    }

    /** The same with a raw publisher: the broker closes the socket, and the message reaches no one. */
    private static void assertRawPublishRefused(String badTopic) {
        try (TestMqttClient watcher = broker.connected(ClientKind.HIVEMQ);
             TestMqttClient other = broker.connected(ClientKind.HIVEMQ);
             RawMqttClient offender = RawMqttClient.open(broker.tcpPort())) {
            assertThat(watcher.subscribe(PARENT + "/#", 1)).isEqualTo(1);
            assertThat(offender.connect(LmqTestBroker.newClientId(), true, 30).variableHeader()
                    .connectReturnCode().byteValue()).isZero();
            offender.publish(badTopic, 1, 1, "bad".getBytes(), false);
            assertThat(offender.awaitClosed(Duration.ofSeconds(5))).as("closed after PUBLISH to '%s'", badTopic).isTrue();
            assertThat(offender.skipped()).as("no PUBACK for '%s'", badTopic).isEmpty();
            Markers.flush(watcher, other);
            assertThat(watcher.inbox().all()).extracting(Received::text).doesNotContain("bad");
        }
    }

    /** SUBACK codes of one raw connection subscribing to each filter in turn. */
    private static List<Integer> rawSubscribeCodes(List<String> filters) {
        try (RawMqttClient raw = RawMqttClient.open(broker.tcpPort())) {
            assertThat(raw.connect(LmqTestBroker.newClientId(), true, 30).variableHeader()
                    .connectReturnCode().byteValue()).isZero();
            List<Integer> codes = new java.util.ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                codes.add(raw.subscribe(i + 1, filters.get(i), 1));
            }
            return codes;
        }
    }

    private static void assertDelivered(ClientKind kind, String topic) {
        try (TestMqttClient sub = broker.connected(kind); TestMqttClient pub = broker.connected(kind)) {
            assertThat(sub.subscribe(topic, 1)).as("SUBACK for '%s'", topic).isEqualTo(1);
            pub.publish(topic, "ok", 1);
            assertThat(sub.inbox().awaitOne(topic).text()).isEqualTo("ok");
            assertThat(pub.isConnected()).isTrue();
        }
    }

    private static int subscribeCode(ClientKind kind, String filter) {
        try (TestMqttClient c = broker.connected(kind)) {
            int code = c.subscribe(filter, 1);
            assertThat(c.isConnected()).as("a refused SUBSCRIBE keeps the connection").isTrue();
            return code;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-1: a 64-character topic can be subscribed to and published to")
    void topicAtMaximumLength(ClientKind kind) {
        assertDelivered(kind, topicOfLength(64));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-1: a 65-character topic gets SUBACK 0x80, and a PUBLISH to it reaches no one")
    void topicBeyondMaximumLength(ClientKind kind) {
        assertThat(subscribeCode(kind, topicOfLength(65))).isEqualTo(0x80);
        assertPublishRefused(kind, topicOfLength(65));
    }

    @Test
    @DisplayName("LMQ-TOPIC-1: the full-topic length limit is configurable (3-20 here)")
    void configuredTopicLength() {
        try (LmqTestBroker small = LmqTestBroker.builder().limits(l -> l.withTopicLength(3, 20)).start();
             TestMqttClient sub = small.connected(ClientKind.HIVEMQ);
             TestMqttClient pub = small.connected(ClientKind.PAHO)) {
            String twenty = topicOfLength(20);
            assertThat(sub.subscribe(twenty, 1)).isEqualTo(1);
            assertThat(sub.subscribe(topicOfLength(21), 1)).isEqualTo(0x80);
            pub.publish(twenty, "ok", 1);
            assertThat(sub.inbox().awaitOne(twenty).text()).isEqualTo("ok");
            pub.publishAsync(topicOfLength(21), "bad".getBytes(), 1);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !pub.isConnected());
        }
    }

    static Stream<String> badLevels() {
        return Stream.of(PARENT + "/a b", PARENT + "/a.b", PARENT + "/a%b", PARENT + "//b", PARENT + "/a:b",
                PARENT + "/a\u00e9", PARENT + "/");
    }

    @Test
    @DisplayName("LMQ-TOPIC-2: a filter with a level outside 0-9 a-z A-Z - _ (or empty) gets SUBACK 0x80")
    void badLevelFilters() {
        List<String> filters = badLevels().toList();
        assertThat(rawSubscribeCodes(filters)).as("SUBACK codes for %s", filters).containsOnly(0x80);
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("badLevels")
    @DisplayName("LMQ-TOPIC-2: a PUBLISH to a topic with a bad level reaches no one and the connection is closed")
    void badLevelPublish(String topic) {
        assertRawPublishRefused(topic);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-2: client libraries see SUBACK 0x80 for a bad level, and a PUBLISH to it reaches no one")
    void badLevelThroughLibraries(ClientKind kind) {
        assertThat(subscribeCode(kind, PARENT + "/a b")).isEqualTo(0x80);
        assertPublishRefused(kind, PARENT + "/a.b");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-2: levels of digits, letters, '-' and '_' separated by '/' are accepted, wildcards in filters too")
    void allowedLevelCharacters(ClientKind kind) {
        assertDelivered(kind, PARENT + "/Az09-_/level3");
        try (TestMqttClient sub = broker.connected(kind); TestMqttClient pub = broker.connected(kind)) {
            assertThat(sub.subscribe(PARENT + "/w" + kind.ordinal() + "/+/leaf", 1)).isEqualTo(1);
            pub.publish(PARENT + "/w" + kind.ordinal() + "/mid/leaf", "wild", 1);
            assertThat(sub.inbox().awaitOne(PARENT + "/w" + kind.ordinal() + "/mid/leaf").text()).isEqualTo("wild");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-3: a topic whose first level is not a created parent topic gets SUBACK 0x80; PUBLISH reaches no one")
    void unknownParent(ClientKind kind) {
        assertThat(subscribeCode(kind, "nosuch/a")).isEqualTo(0x80);
        assertPublishRefused(kind, "nosuch/a");
    }

    @Test
    @DisplayName("LMQ-TOPIC-3: a filter must start with a created parent topic: unknown parents and wildcard first levels get 0x80")
    void unknownParentFilters() {
        List<String> filters = List.of("nosuch/a", "nosuch", "#", "+/a", "+");
        assertThat(rawSubscribeCodes(filters)).as("SUBACK codes for %s", filters).containsOnly(0x80);
        assertRawPublishRefused("nosuch/a");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-3: subtopics need no creation; a parent topic created at run time is usable at once")
    void parentCreatedAtRunTime(ClientKind kind) {
        assertDelivered(kind, PARENT + "/never/created/before");
        String parent = "late" + kind.name().toLowerCase();
        assertThat(subscribeCode(kind, parent + "/a")).as("before creation").isEqualTo(0x80);
        assertThat(broker.admin().registry().createParentTopic(parent).ok()).isTrue();
        assertDelivered(kind, parent + "/a");
    }

    @Test
    @DisplayName("LMQ-TOPIC-3: parent topic names are unique ignoring case")
    void parentNamesCaseInsensitive() {
        RegistryResult upper = broker.admin().registry().createParentTopic(PARENT.toUpperCase());
        assertThat(upper.ok()).isFalse();
        assertThat(upper.ruleId()).isEqualTo("LMQ-TOPIC-3");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOPIC-4: an instance holds at most the configured number of parent topics (3 here)")
    void parentTopicCap(ClientKind kind) {
        try (LmqTestBroker capped = LmqTestBroker.builder().limits(l -> l.withMaxParentTopics(3)).start()) {
            var registry = capped.admin().registry();
            assertThat(registry.createParentTopic("third").ok()).isTrue();
            RegistryResult fourth = registry.createParentTopic("fourth");
            assertThat(fourth.ok()).isFalse();
            assertThat(fourth.ruleId()).isEqualTo("LMQ-TOPIC-4");
            assertThat(registry.listParentTopics()).hasSize(3);
            try (TestMqttClient c = capped.connected(kind)) {
                assertThat(c.subscribe("fourth/a", 1)).as("topic under the refused parent").isEqualTo(0x80);
                assertThat(c.subscribe("third/a", 1)).isEqualTo(1);
            }
            assertThat(registry.deleteParentTopic("third").ok()).isTrue();
            assertThat(registry.createParentTopic("fourth").ok()).as("a freed slot can be used").isTrue();
        }
    }

    @Test
    @DisplayName("LMQ-TOPIC-4: a configuration creating more parent topics than the cap stops start-up, naming the key")
    void tooManyConfiguredParents() {
        assertThatThrownBy(() -> LmqTestBroker.builder().limits(l -> l.withMaxParentTopics(2))
                .parentTopics(List.of("p-one", "p-two", "p-three")).start())
                .hasMessageContaining("parent-topics")
                .hasMessageContaining("LMQ-TOPIC-4");
    }
}
