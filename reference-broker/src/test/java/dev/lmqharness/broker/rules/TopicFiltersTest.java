package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TopicFilters: MQTT 3.1.1 section 4.7 matching, used by routing and token resources")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TopicFiltersTest {

    @DisplayName("MQTT-4.7.1: filter matching table")
    @ParameterizedTest(name = "MQTT-4.7.1: [{0}] matches [{1}] = {2}")
    @CsvSource({
            "sport/tennis/player1/#, sport/tennis/player1, true",
            "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
            "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
            "sport/#, sport, true",
            "#, sport/tennis, true",
            "sport/tennis/+, sport/tennis/player1, true",
            "sport/tennis/+, sport/tennis/player1/ranking, false",
            "sport/+, sport, false",
            "sport/+, sport/, true",
            "+/+, /finance, true",
            "/+, /finance, true",
            "+, /finance, false",
            "a/b, a/b, true",
            "a/b, A/b, false",
            "a/b, a/b/c, false",
            "a/b/c, a/b, false",
            "+/+/+, a/b/c, true",
            "a//b, a//b, true",
            "a/+/b, a//b, true",
    })
    void matching(String filter, String topic, boolean expected) {
        assertThat(TopicFilters.matches(filter, topic)).isEqualTo(expected);
    }

    @Rule("MQTT-4.7.2-1")
    @DisplayName("Leading wildcards do not match $-topics")
    @ParameterizedTest(name = "[{0}] does not match $-topic [{1}]")
    @CsvSource({"#, $SYS/broker", "+/broker, $SYS/broker", "+, $SYS"})
    void dollarTopicsNotMatchedByLeadingWildcards(String filter, String topic) {
        assertThat(TopicFilters.matches(filter, topic)).isFalse();
    }

    @Test
    @Rule("MQTT-4.7.2-1")
    @DisplayName("$-topics are matched by filters naming the $ level")
    void dollarTopicsMatchedExplicitly() {
        assertThat(TopicFilters.matches("$SYS/#", "$SYS/broker")).isTrue();
        assertThat(TopicFilters.matches("$SYS/+", "$SYS/broker")).isTrue();
    }

    @DisplayName("MQTT-4.7.1: invalid filters are refused and never match")
    @ParameterizedTest(name = "MQTT-4.7.1: invalid filter [{0}]")
    @ValueSource(strings = {"", "a/#/b", "a#", "a/b#", "a+", "a/+b", "#/a", "a/\u0000"})
    void invalidFilters(String filter) {
        assertThat(TopicFilters.isValidFilter(filter)).isFalse();
        assertThat(TopicFilters.matches(filter, "a/b")).isFalse();
    }

    @Test
    @Rule({"MQTT-4.7.1-2", "MQTT-4.7.1-3"})
    @DisplayName("Violations name the right statement")
    void violationIds() {
        assertThat(TopicFilters.checkFilter("a/#/b").orElseThrow().ruleId()).isEqualTo("MQTT-4.7.1-2");
        assertThat(TopicFilters.checkFilter("a/b+").orElseThrow().ruleId()).isEqualTo("MQTT-4.7.1-3");
        assertThat(TopicFilters.checkFilter("").orElseThrow().ruleId()).isEqualTo("MQTT-4.7.3-1");
        assertThat(TopicFilters.checkTopicName("a/+").orElseThrow().ruleId()).isEqualTo("MQTT-3.3.2-2");
        assertThat(TopicFilters.checkTopicName("a/\u0000").orElseThrow().ruleId()).isEqualTo("MQTT-4.7.3-2");
    }

    @DisplayName("MQTT-4.7.1: valid filters")
    @ParameterizedTest(name = "MQTT-4.7.1: valid filter [{0}]")
    @ValueSource(strings = {"#", "+", "a/#", "a/+/b", "+/+", "/", "a//b", "$SYS/#"})
    void validFilters(String filter) {
        assertThat(TopicFilters.isValidFilter(filter)).isTrue();
    }

    @Test
    @Rule("MQTT-3.3.2-2")
    @DisplayName("Topic names have no wildcards")
    void topicNames() {
        assertThat(TopicFilters.isValidTopicName("a/b")).isTrue();
        assertThat(TopicFilters.isValidTopicName("a/#")).isFalse();
        assertThat(TopicFilters.isValidTopicName("a/+")).isFalse();
        assertThat(TopicFilters.isValidTopicName("")).isFalse();
        assertThat(TopicFilters.matches("a/+", "a/+")).isFalse();
    }

    @DisplayName("Which subscription filters a token resource covers")
    @ParameterizedTest(name = "Resource [{0}] covers filter [{1}] = {2}")
    @CsvSource({
            "a/#, a/#, true",
            "a/#, a/b/#, true",
            "a/#, a/+/c, true",
            "a/#, a, true",
            "#, a/+/#, true",
            "a/+, a/b, true",
            "a/+, a/+, true",
            "a/+, a/#, false",
            "a/+, a/b/c, false",
            "a/b, a/+, false",
            "a/b, a/b, true",
            "a/b/#, a/#, false",
            "a/+/#, a, false",
            "a/+/#, a/x, true",
            "+/b, a/b, true",
            "a/b, a/b/c, false",
            "#, $SYS/x, false",
            "$SYS/#, $SYS/x, true",
    })
    void covers(String outer, String inner, boolean expected) {
        assertThat(TopicFilters.covers(outer, inner)).isEqualTo(expected);
    }

    @Test
    @DisplayName("FirstLevel gives the parent topic")
    void firstLevel() {
        assertThat(TopicFilters.firstLevel("parent/a/b")).isEqualTo("parent");
        assertThat(TopicFilters.firstLevel("parent")).isEqualTo("parent");
        assertThat(TopicFilters.firstLevel("/a")).isEmpty();
        assertThat(TopicFilters.hasWildcard("a/+")).isTrue();
        assertThat(TopicFilters.hasWildcard("a/#")).isTrue();
        assertThat(TopicFilters.hasWildcard("a/b")).isFalse();
    }
}
