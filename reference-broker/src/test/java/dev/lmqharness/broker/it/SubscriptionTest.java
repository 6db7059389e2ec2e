package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static dev.lmqharness.broker.it.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / SUBSCRIBE, wildcards, overlapping subscriptions, UNSUBSCRIBE, $-topics")
class SubscriptionTest {

    static final String MARKER = "marker";

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    /** Publishes each topic (payload = topic) at QoS 1, then the marker; returns the topics the subscriber got before it. */
    private static List<String> deliveredTopics(TestClient pub, TestClient sub, String... topics) {
        for (String t : topics) {
            pub.publish(t, t, 1, false);
        }
        pub.publish(MARKER, "end", 1, false);
        return sub.inbox().before(MARKER).stream().map(Received::topic).toList();
    }

    private TestClient subscriber(ClientKind kind, String... filters) {
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe(MARKER, 1);
        for (String f : filters) {
            assertThat(sub.subscribe(f, 1)).as("SUBACK for %s", f).isEqualTo(1);
        }
        return sub;
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("'+' matches exactly one level, including an empty one [MQTT-4.7.1-3]")
    void singleLevelWildcard(ClientKind kind) {
        TestClient sub = subscriber(kind, "sport/+/player");
        TestClient pub = broker.connected(kind, "pub", true);
        assertThat(deliveredTopics(pub, sub, "sport/tennis/player", "sport/tennis/x/player", "sport/player",
                "sport//player", "sport/tennis/player/x", "Sport/tennis/player"))
                .containsExactly("sport/tennis/player", "sport//player");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("'#' matches the parent level and any number of child levels [MQTT-4.7.1-2]")
    void multiLevelWildcard(ClientKind kind) {
        TestClient sub = subscriber(kind, "sport/tennis/#");
        TestClient pub = broker.connected(kind, "pub", true);
        assertThat(deliveredTopics(pub, sub, "sport/tennis", "sport/tennis/p1", "sport/tennis/p1/ranking",
                "sport/tennisx", "sport", "sport/golf/p1"))
                .containsExactly("sport/tennis", "sport/tennis/p1", "sport/tennis/p1/ranking");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("'+/+' and '/+' match '/finance'; '+' does not [MQTT 4.7.1.3 examples]")
    void leadingEmptyLevel(ClientKind kind) {
        TestClient sub = subscriber(kind, "+/+");
        TestClient pub = broker.connected(kind, "pub", true);
        assertThat(deliveredTopics(pub, sub, "/finance", "finance", "a/b/c")).containsExactly("/finance");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("$-topics are not matched by a filter starting with a wildcard, but by an explicit $ filter [MQTT-4.7.2-1]")
    void dollarTopicsAreNotMatchedByLeadingWildcards(ClientKind kind) {
        TestClient wild = broker.connected(kind, "wild", true);
        wild.subscribe("#", 1);
        wild.subscribe("+/info", 1);
        TestClient explicit = broker.connected(kind, "explicit", true);
        explicit.subscribe("$app/#", 1);
        explicit.subscribe(MARKER, 1);
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("$app/info", "dollar", 1, false);
        pub.publish("plain/info", "plain", 1, false);
        pub.publish(MARKER, "end", 1, false);
        // '#' also matches the marker and 'plain/info' matches both filters: one copy each [MQTT-3.3.5-1]
        assertThat(wild.inbox().before(MARKER)).extracting(Received::topic).containsExactly("plain/info");
        assertThat(explicit.inbox().before(MARKER)).extracting(Received::topic).containsExactly("$app/info");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Overlapping subscriptions: one copy at the highest granted QoS that applies [MQTT-3.3.5-1]")
    void overlappingSubscriptionsDeliverOnceAtHighestQos(ClientKind kind) {
        TestClient sub = broker.connected(kind, "sub", true);
        assertThat(sub.subscribe("ov/#", 0)).isZero();
        assertThat(sub.subscribe("ov/+", 2)).isEqualTo(2);
        assertThat(sub.subscribe("+/a", 1)).isEqualTo(1);
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("ov/a", "q2", 2, false);
        Received first = sub.inbox().next();
        assertThat(first.text()).isEqualTo("q2");
        assertThat(first.qos()).isEqualTo(2);
        pub.publish("ov/a", "q1", 1, false);
        Received second = sub.inbox().next();
        assertThat(second.text()).as("no second copy of q2").isEqualTo("q1");
        assertThat(second.qos()).isEqualTo(1);
        pub.publish("ov/a/deeper", "only-hash", 2, false);
        Received third = sub.inbox().next();
        assertThat(third.text()).as("no second copy of q1").isEqualTo("only-hash");
        assertThat(third.qos()).as("only 'ov/#' (QoS 0) matches").isZero();
        sub.inbox().assertQuietFor(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Subscribing again to the same filter replaces the subscription (new QoS, one copy) [MQTT-3.8.4-3]")
    void resubscribeReplaces(ClientKind kind) {
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe("re/t", 0);
        assertThat(sub.subscribe("re/t", 1)).isEqualTo(1);
        sub.subscribe(MARKER, 1);
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("re/t", "x", 1, false);
        pub.publish(MARKER, "end", 1, false);
        List<Received> got = sub.inbox().before(MARKER);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).qos()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("UNSUBSCRIBE removes exactly the named filter; other matching subscriptions stay [MQTT-3.10.4-1, -2]")
    void unsubscribeStopsDelivery(ClientKind kind) {
        TestClient sub = subscriber(kind, "un/#", "un/+/keep");
        TestClient pub = broker.connected(kind, "pub", true);
        assertThat(deliveredTopics(pub, sub, "un/a", "un/b/keep")).containsExactly("un/a", "un/b/keep");
        sub.unsubscribe("un/#");
        sub.unsubscribe("un/a"); // a topic name, not a held filter: removes nothing
        assertThat(deliveredTopics(pub, sub, "un/a", "un/b/keep")).containsExactly("un/b/keep");
        sub.unsubscribe("un/+/keep");
        assertThat(deliveredTopics(pub, sub, "un/a", "un/b/keep")).isEmpty();
    }

    @Test
    @DisplayName("SUBACK: same packet identifier, one return code per filter in order, 0x80 for an invalid filter [MQTT-3.8.4-2, -4, MQTT-3.9.3-1, MQTT-4.7.1-2]")
    void subackReturnCodes() throws Exception {
        RawMqttClient c = broker.rawConnected("sub", true);
        List<Integer> codes = c.subscribe(77, "a/b", 0, "a/#/b", 1, "c/+", 1, "d+", 2, "e/#", 2);
        assertThat(codes).containsExactly(0, 0x80, 1, 0x80, 2);
        c.assertAlive();
    }

    @Test
    @DisplayName("UNSUBACK carries the UNSUBSCRIBE's identifier, also when nothing was subscribed [MQTT-3.10.4-4, -5]")
    void unsuback() throws Exception {
        RawMqttClient c = broker.rawConnected("sub", true);
        c.subscribe(1, "x/y", 1);
        c.send(unsubscribe(300, "x/y", "never/subscribed"));
        assertThat(c.expect(UNSUBACK).packetId()).isEqualTo(300);
        c.send(unsubscribe(301, "not/either"));
        assertThat(c.expect(UNSUBACK).packetId()).isEqualTo(301);
    }
}
