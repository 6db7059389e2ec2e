package dev.lmqharness.broker.it;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@DisplayName("MQTT 3.1.1 / retained messages")
class RetainedTest {

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.inMemoryTcp();

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A retained message is sent to a new subscriber with RETAIN=1; live deliveries have RETAIN=0 [MQTT-3.3.1-6, -8, -9]")
    void retainedOnSubscribeLiveWithoutRetainFlag(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("ret/t", "stored", 1, true);
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe("ret/t", 1);
        Received r = sub.inbox().next();
        assertThat(r.text()).isEqualTo("stored");
        assertThat(r.retain()).isTrue();
        assertThat(r.qos()).isEqualTo(1);

        pub.publish("ret/t", "live", 1, true);
        Received live = sub.inbox().next();
        assertThat(live.text()).isEqualTo("live");
        assertThat(live.retain()).as("a subscriber that was already there gets RETAIN=0").isFalse();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A newer retained message replaces the older one, also at QoS 0 [MQTT-3.3.1-5, -7]")
    void newerRetainedReplaces(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("ret/r", "v1", 1, true);
        pub.publish("ret/r", "v2", 2, true);
        pub.publish("ret/r", "v3", 0, true);
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe("ret/r", 2);
        Received r = sub.inbox().next();
        assertThat(r.text()).isEqualTo("v3");
        assertThat(r.qos()).as("min(retained QoS 0, granted 2)").isZero();
        sub.inbox().assertQuietFor(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("An empty retained payload deletes the retained message and is delivered normally once [MQTT-3.3.1-10, -11]")
    void emptyPayloadDeletes(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        TestClient live = broker.connected(kind, "live", true);
        live.subscribe("del/gone", 1);
        pub.publish("del/gone", "old", 1, true);
        assertThat(live.inbox().next().text()).isEqualTo("old");
        pub.publish("del/gone", new byte[0], 1, true);
        Received deletion = live.inbox().next();
        assertThat(deletion.payload()).as("the deleting message reaches current subscribers").isEmpty();
        pub.publish("del/keep", "kept", 1, true); // retained after the deletion: a newer message

        TestClient late = broker.connected(kind, "late", true);
        late.subscribe("del/#", 1);
        // Retained messages of one subscription are sent together; "gone" would come with "kept".
        Received r = late.inbox().next();
        assertThat(r.topic()).isEqualTo("del/keep");
        late.inbox().assertQuietFor(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("A wildcard subscription receives every matching retained message, at min(QoS) [MQTT-3.3.1-6, MQTT-3.8.4-6]")
    void wildcardGetsAllMatchingRetained(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("w/a", "A", 2, true);
        pub.publish("w/b/c", "C", 1, true);
        pub.publish("other/x", "X", 1, true);
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe("w/#", 1);
        List<Received> got = sub.inbox().next(2);
        assertThat(got).extracting(Received::text).containsExactlyInAnyOrder("A", "C");
        assertThat(got).allSatisfy(r -> {
            assertThat(r.retain()).isTrue();
            assertThat(r.qos()).isEqualTo(1);
        });
        sub.inbox().assertQuietFor(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("Subscribing again re-sends matching retained messages [MQTT-3.8.4-3]")
    void resubscribeResendsRetained(ClientKind kind) {
        TestClient pub = broker.connected(kind, "pub", true);
        pub.publish("rr/t", "again", 1, true);
        TestClient sub = broker.connected(kind, "sub", true);
        sub.subscribe("rr/t", 1);
        assertThat(sub.inbox().next().text()).isEqualTo("again");
        sub.subscribe("rr/t", 1);
        Received r = sub.inbox().next();
        assertThat(r.text()).isEqualTo("again");
        assertThat(r.retain()).isTrue();
    }
}
