package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Topic names and filters")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TopicRulesTest {

    private static final String ME = "GID_demo@@@me";

    private InstanceRegistry registry;
    private TopicRules rules;

    @BeforeEach
    void setUp() {
        registry = new InstanceRegistry("i", LmqLimits.defaults());
        registry.createParentTopic("topic");
        registry.createParentTopic("Mixed");
        rules = new TopicRules(LmqLimits.defaults(), registry);
    }

    /** A topic under parent "topic" of exactly {@code length} characters. */
    private static String topicOfLength(int length) {
        return "topic/" + "x".repeat(length - "topic/".length());
    }

    @Rule("LMQ-TOPIC-1")
    @Test
    @DisplayName("A 64-character topic can be published to and subscribed to")
    void sixtyFour() {
        String t = topicOfLength(64);
        assertThat(rules.checkPublish(t).delivers()).isTrue();
        assertThat(rules.checkSubscribe(t, ME).allowed()).isTrue();
    }

    @Rule("LMQ-TOPIC-1")
    @Test
    @DisplayName("A 65-character topic is refused: SUBACK 0x80, PUBLISH discarded and connection closed")
    void sixtyFive() {
        String t = topicOfLength(65);
        PublishVerdict p = rules.checkPublish(t);
        assertThat(p.action()).isEqualTo(PublishVerdict.Action.DISCARD_AND_CLOSE);
        assertThat(p.ruleId()).isEqualTo(TopicRules.LENGTH);
        Verdict s = rules.checkSubscribe(t, ME);
        assertThat(s.ruleId()).isEqualTo(TopicRules.LENGTH);
        assertThat(s.returnCode()).isEqualTo(0x80);
    }

    @Rule("LMQ-TOPIC-1")
    @Test
    @DisplayName("Wildcard filters are measured with their wildcards (65 refused)")
    void filterLength() {
        String f64 = "topic/" + "x".repeat(56) + "/#";
        assertThat(f64).hasSize(64);
        assertThat(rules.checkSubscribe(f64, ME).allowed()).isTrue();
        assertThat(rules.checkSubscribe("topic/" + "x".repeat(57) + "/#", ME).ruleId()).isEqualTo(TopicRules.LENGTH);
    }

    @Rule("LMQ-TOPIC-1")
    @Test
    @DisplayName("The minimum is 3 characters; the limits are configurable")
    void minimumAndConfigurable() {
        InstanceRegistry r = new InstanceRegistry("i", LmqLimits.defaults().withTopicLength(1, 128));
        r.createParentTopic("ab");
        TopicRules tiny = new TopicRules(LmqLimits.defaults().withTopicLength(3, 128), r);
        assertThat(tiny.checkPublish("ab").ruleId()).isEqualTo(TopicRules.LENGTH);
        assertThat(tiny.checkPublish("ab/c").delivers()).isTrue();
        assertThat(tiny.checkPublish("ab/" + "c".repeat(125)).delivers()).isTrue();
        assertThat(tiny.checkPublish("ab/" + "c".repeat(126)).ruleId()).isEqualTo(TopicRules.LENGTH);
    }

    @Rule("LMQ-TOPIC-2")
    @DisplayName("Level characters outside 0-9 a-z A-Z - _ are refused")
    @ParameterizedTest(name = "Refused level characters in [{0}]")
    @ValueSource(strings = {"topic/a b", "topic/a:b", "topic/a,b", "topic/a%b", "topic/a.b", "topic/a@b",
            "topic/a\u0001b", "topic/\u00e9t\u00e9", "topic/a$b"})
    void badLevelCharacters(String topic) {
        assertThat(rules.checkPublish(topic).ruleId()).isEqualTo(TopicRules.LEVELS);
        assertThat(rules.checkSubscribe(topic, ME).ruleId()).isEqualTo(TopicRules.LEVELS);
    }

    @Rule("LMQ-TOPIC-2")
    @DisplayName("Empty levels are refused")
    @ParameterizedTest(name = "Empty level refused in [{0}]")
    @ValueSource(strings = {"topic/", "topic//a", "/topic", "topic/a/"})
    void emptyLevels(String topic) {
        assertThat(rules.checkPublish(topic).ruleId()).isEqualTo(TopicRules.LEVELS);
    }

    @Rule("LMQ-TOPIC-2")
    @Test
    @DisplayName("Levels of 0-9 a-z A-Z - _ separated by / are accepted, at any depth")
    void goodLevels() {
        assertThat(rules.checkPublish("topic/level-2/Level_3/0123456789").delivers()).isTrue();
        assertThat(rules.checkPublish("topic").delivers()).isTrue();
    }

    @Rule("LMQ-TOPIC-3")
    @Test
    @DisplayName("The first level must be a created parent topic")
    void parentMustExist() {
        PublishVerdict p = rules.checkPublish("unknown/a");
        assertThat(p.ruleId()).isEqualTo(TopicRules.PARENT);
        assertThat(p.reason()).contains("unknown");
        assertThat(rules.checkSubscribe("unknown/#", ME).ruleId()).isEqualTo(TopicRules.PARENT);
    }

    @Rule("LMQ-TOPIC-3")
    @Test
    @DisplayName("Subtopics need no creation")
    void subtopicsFree() {
        assertThat(rules.checkPublish("topic/never/created/before").delivers()).isTrue();
    }

    @Rule("LMQ-TOPIC-3")
    @Test
    @DisplayName("The first level matches the created parent exactly")
    void parentCase() {
        assertThat(rules.checkPublish("Mixed/a").delivers()).isTrue();
        assertThat(rules.checkPublish("mixed/a").ruleId()).isEqualTo(TopicRules.PARENT);
    }

    @Rule("LMQ-TOPIC-3")
    @DisplayName("A filter must name its parent topic")
    @ParameterizedTest(name = "A filter must name its parent topic: [{0}]")
    @ValueSource(strings = {"+/abc", "+/p/#", "+/+"})
    void wildcardParent(String filter) {
        assertThat(rules.checkSubscribe(filter, ME).ruleId()).isEqualTo(TopicRules.PARENT);
    }

    @Rule({"LMQ-TOPIC-1", "LMQ-TOPIC-2", "LMQ-TOPIC-3"})
    @DisplayName("Valid wildcard filter")
    @ParameterizedTest(name = "Valid wildcard filter [{0}]")
    @ValueSource(strings = {"topic/#", "topic/+", "topic/+/x", "topic/a/#", "topic/+/+/#"})
    void validFilters(String filter) {
        assertThat(rules.checkSubscribe(filter, ME).allowed()).isTrue();
    }

    @Test
    @Rule("MQTT-3.3.2-2")
    @DisplayName("A PUBLISH topic with a wildcard is discarded and the connection closed")
    void publishWildcard() {
        PublishVerdict p = rules.checkPublish("topic/#");
        assertThat(p.closesConnection()).isTrue();
        assertThat(p.ruleId()).isEqualTo("MQTT-3.3.2-2");
    }

    @Test
    @Rule("MQTT-4.7.1-2")
    @DisplayName("A malformed filter gets SUBACK 0x80")
    void malformedFilter() {
        Verdict v = rules.checkSubscribe("topic/#/a", ME);
        assertThat(v.ruleId()).isEqualTo("MQTT-4.7.1-2");
        assertThat(v.returnCode()).isEqualTo(0x80);
    }

    @Rule({"LMQ-TOPIC-1", "LMQ-TOPIC-2", "LMQ-TOPIC-3"})
    @Test
    @DisplayName("Publishing to <parent>/p2p/<clientId> is accepted, even beyond 64 characters")
    void p2pPublish() {
        assertThat(rules.checkPublish("topic/p2p/GID_demo@@@peer").delivers()).isTrue();
        String longTarget = "GID_demo@@@" + "d".repeat(53);
        assertThat(longTarget).hasSize(64);
        assertThat(rules.checkPublish("topic/p2p/" + longTarget).delivers()).isTrue();
    }

    @Rule({"LMQ-TOPIC-1", "LMQ-TOPIC-2", "LMQ-TOPIC-3"})
    @DisplayName("Malformed P2P topic refused")
    @ParameterizedTest(name = "Malformed P2P topic refused: [{0}]")
    @ValueSource(strings = {"topic/p2p", "topic/p2p/", "topic/p2p/GID_demo@@@a/extra", "topic/p2p/not-a-client-id",
            "topic/p2p/GID_demo@@@a b"})
    void p2pMalformed(String topic) {
        PublishVerdict p = rules.checkPublish(topic);
        assertThat(p.closesConnection()).isTrue();
        assertThat(p.ruleId()).isEqualTo(P2pAddress.RULE);
    }

    @Rule("LMQ-TOPIC-3")
    @Test
    @DisplayName("A P2P topic's parent must exist")
    void p2pParent() {
        assertThat(rules.checkPublish("nope/p2p/GID_demo@@@peer").ruleId()).isEqualTo(TopicRules.PARENT);
    }

    @Rule({"LMQ-TOPIC-1", "LMQ-TOPIC-2", "LMQ-TOPIC-3"})
    @Test
    @DisplayName("A client may subscribe to its own P2P address only (Decision)")
    void p2pSubscribe() {
        assertThat(rules.checkSubscribe("topic/p2p/" + ME, ME).allowed()).isTrue();
        Verdict other = rules.checkSubscribe("topic/p2p/GID_demo@@@other", ME);
        assertThat(other.ruleId()).isEqualTo(P2pAddress.RULE);
        assertThat(other.returnCode()).isEqualTo(0x80);
        assertThat(rules.checkSubscribe("topic/p2p/+", ME).ruleId()).isEqualTo(P2pAddress.RULE);
        assertThat(rules.checkSubscribe("topic/p2p/#", ME).ruleId()).isEqualTo(P2pAddress.RULE);
    }
}
