package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Point-to-point addresses")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class P2pAddressTest {

    @Rule("LMQ-P2P-1")
    @Test
    @DisplayName("<parent>/p2p/<clientId> parses to its parent and target")
    void parses() {
        P2pAddress a = P2pAddress.parse("topic/p2p/GID_demo@@@dev1").orElseThrow();
        assertThat(a.parentTopic()).isEqualTo("topic");
        assertThat(a.targetClientId()).isEqualTo("GID_demo@@@dev1");
        assertThat(a.topic()).isEqualTo("topic/p2p/GID_demo@@@dev1");
        assertThat(new P2pAddress("t", "c").topic()).isEqualTo("t/p2p/c");
    }

    @Rule("LMQ-P2P-1")
    @DisplayName("Not a P2P address")
    @ParameterizedTest(name = "Not a P2P address: [{0}]")
    @ValueSource(strings = {"topic/p2p", "topic/p2p/", "topic/p2p/a/b", "topic/P2P/a", "topic/x/p2p/a", "p2p/a/b",
            "topic/p2p/+", "+/p2p/a", "/p2p/a"})
    void notAddresses(String topic) {
        assertThat(P2pAddress.parse(topic)).isEmpty();
    }

    @Rule("LMQ-P2P-1")
    @Test
    @DisplayName("The P2P space is any topic whose second level is exactly p2p")
    void space() {
        assertThat(P2pAddress.isP2p("topic/p2p/x")).isTrue();
        assertThat(P2pAddress.isP2p("topic/p2p")).isTrue();
        assertThat(P2pAddress.isP2p("topic/p2px/x")).isFalse();
        assertThat(P2pAddress.isP2p("topic")).isFalse();
        assertThat(P2pAddress.isP2p(null)).isFalse();
    }

    @Rule("LMQ-P2P-1")
    @DisplayName("Ordinary filter does not match a P2P topic")
    @ParameterizedTest(name = "Ordinary filter [{0}] does not match a P2P topic")
    @ValueSource(strings = {"topic/#", "topic/+/+", "topic/p2p/+", "#", "topic/p2p/GID_demo@@@dev1"})
    void ordinaryFiltersNeverMatch(String filter) {
        assertThat(P2pAddress.ordinaryFilterMatches(filter, "topic/p2p/GID_demo@@@dev1")).isFalse();
    }

    @Rule("LMQ-P2P-1")
    @Test
    @DisplayName("Ordinary filters still match ordinary topics")
    void ordinaryStillMatch() {
        assertThat(P2pAddress.ordinaryFilterMatches("topic/#", "topic/a/b")).isTrue();
        assertThat(P2pAddress.ordinaryFilterMatches("topic/+/b", "topic/a/b")).isTrue();
    }

    @Rule("LMQ-P2P-1")
    @Test
    @DisplayName("Subscribing to another client's P2P address is refused with 0x80 (Decision)")
    void subscribeDecision() {
        assertThat(P2pAddress.checkSubscribe("topic/p2p/GID_a@@@me", "GID_a@@@me").allowed()).isTrue();
        Verdict other = P2pAddress.checkSubscribe("topic/p2p/GID_a@@@you", "GID_a@@@me");
        assertThat(other.refused()).isTrue();
        assertThat(other.returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(other.reason()).contains("GID_a@@@you");
        assertThat(P2pAddress.checkSubscribe("topic/p2p/+", "GID_a@@@me").refused()).isTrue();
        assertThat(P2pAddress.checkSubscribe("topic/a/b", "GID_a@@@me").allowed()).isTrue();
    }
}
