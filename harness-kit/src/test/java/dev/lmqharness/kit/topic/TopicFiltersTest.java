package dev.lmqharness.kit.topic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @Test
    void exactFilterMatchesOnlyItself() {
        assertThat(TopicFilters.matches("a/b", "a/b")).isTrue();
        assertThat(TopicFilters.matches("a/b", "a/b/c")).isFalse();
        assertThat(TopicFilters.matches("a/b", "a")).isFalse();
    }

    @Test
    void plusMatchesExactlyOneLevel() {
        assertThat(TopicFilters.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("a/+/c", "a//c")).isTrue();
        assertThat(TopicFilters.matches("a/+", "a/b/c")).isFalse();
        assertThat(TopicFilters.matches("+/+", "a/b")).isTrue();
        assertThat(TopicFilters.matches("a/+", "a")).isFalse();
    }

    @Test
    void hashMatchesTheParentAndEverythingBelow() {
        assertThat(TopicFilters.matches("a/#", "a")).isTrue();
        assertThat(TopicFilters.matches("a/#", "a/b/c/d")).isTrue();
        assertThat(TopicFilters.matches("#", "x/y")).isTrue();
        assertThat(TopicFilters.matches("a/#", "b/a")).isFalse();
    }

    @Test
    void wildcardsAtTheStartDoNotMatchDollarTopics() {
        assertThat(TopicFilters.matches("#", "$SYS/x")).isFalse();
        assertThat(TopicFilters.matches("+/x", "$SYS/x")).isFalse();
        assertThat(TopicFilters.matches("$SYS/#", "$SYS/x")).isTrue();
    }
}
