package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.auth.ApplyTokenResult;
import dev.lmqharness.broker.auth.QueryTokenResult;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static dev.lmqharness.broker.it.KitClients.next;
import static dev.lmqharness.broker.it.LmqInstance.PARENT;
import static dev.lmqharness.broker.it.LmqInstance.clientId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The broker applies the {@code lmq.limits} it is configured with, not the documented defaults:
 * one embedded LMQ instance with small limits (payload, topic length, offline retention, token
 * validity) and the subscription cap left at its documented default, reached over real sockets
 * through the kit's clients. A fresh broker per test, on the controllable test clock.
 */
@Timeout(60)
@DisplayName("Configured lmq.limits apply on the wire")
class ConfiguredLimitsTest {

    static final int PAYLOAD_MAX = 1024;
    static final int TOPIC_MIN = 3;
    static final int TOPIC_MAX = 20;
    static final Duration RETENTION = Duration.ofHours(1);
    static final Duration TOKEN_MAX = Duration.ofDays(1);
    /** The documented default of lmq.limits.max-subscriptions-per-client, which this instance leaves unset. */
    static final int DEFAULT_SUBSCRIPTIONS_PER_CLIENT = 30;

    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.lmq(l -> l
            .withPayloadAndFrame(PAYLOAD_MAX, 8 * PAYLOAD_MAX)
            .withTopicLength(TOPIC_MIN, TOPIC_MAX)
            .withOfflineRetention(RETENTION)
            .withTokenValidity(TOKEN_MAX, Duration.ofSeconds(60)));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code size} bytes of {@code fill}, framed by 'S' and 'E' so a truncated payload shows. */
    private static byte[] payload(int size, char fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        b[0] = 'S';
        b[size - 1] = 'E';
        return b;
    }

    /** {@code prefix} padded with 'x' to exactly {@code length} characters. */
    private static String padTo(String prefix, int length) {
        return prefix + "x".repeat(length - prefix.length());
    }

    /** Texts of the messages {@code c} receives before {@code marker}; fails if the marker does not come. */
    private static List<String> textsBefore(AppClient c, String marker) {
        List<String> before = new ArrayList<>();
        for (AppMessage m = next(c); !m.text().equals(marker); m = next(c)) {
            before.add(m.text());
        }
        return before;
    }

    private AppClient connected(ClientKind kind, String device) {
        return broker.connected(kind, clientId(device), true);
    }

    /** A cleanSession=false client that subscribes at QoS 1 and goes offline; returns once the broker has it offline. */
    private void persistentSubscriberGoesOffline(ClientKind kind, String id, String topic) {
        AppClient sub = broker.connected(kind, id, false);
        assertThat(sub.subscribe(topic, 1)).containsExactly(1);
        sub.disconnect();
        await("broker sees " + id + " offline").atMost(TIMEOUT)
                .until(() -> !broker.admin().clientStatus(id).online());
    }

    // ---- lmq.limits.max-payload-bytes ---------------------------------------------------------

    static Stream<Arguments> kindsAndQos() {
        return Stream.of(ClientKind.values()).flatMap(k -> Stream.of(0, 1, 2).map(q -> Arguments.of(k, q)));
    }

    @ParameterizedTest(name = "{0} QoS{1}")
    @MethodSource("kindsAndQos")
    @DisplayName("lmq.limits.max-payload-bytes: 1,025 bytes (configured 1,024) are acknowledged and delivered to no one, the connection stays; 1,024 bytes arrive whole")
    void payloadOverTheConfiguredMaximumIsDeliveredToNoOne(ClientKind kind, int qos) {
        String topic = PARENT + "/payload";
        AppClient exact = connected(ClientKind.HIVEMQ, "exact");
        assertThat(exact.subscribe(topic, 2)).containsExactly(2);
        AppClient wild = connected(ClientKind.PAHO, "wild");
        assertThat(wild.subscribe(PARENT + "/#", 2)).containsExactly(2);
        AppClient pub = connected(kind, "pub");

        byte[] atLimit = payload(PAYLOAD_MAX, 'a');
        // publish() waits for the QoS flow, so the broker acknowledged the oversize message.
        pub.publish(topic, payload(PAYLOAD_MAX + 1, 'b'), qos, false);
        pub.publish(topic, atLimit, qos, false);
        pub.publish(topic, utf8("after"), qos, false);

        for (AppClient sub : List.of(exact, wild)) {
            // Order per publisher: an oversize message delivered at all would come first.
            AppMessage first = next(sub);
            assertThat(first.payload()).as("%s: first message (the %d-byte one was discarded)", sub.clientId(),
                    PAYLOAD_MAX + 1).isEqualTo(atLimit);
            assertThat(next(sub).text()).isEqualTo("after");
        }
        assertThat(pub.isConnected()).as("publisher still connected after an oversize PUBLISH").isTrue();
        assertThat(pub.awaitConnectionLost(Duration.ZERO)).isFalse();
    }

    // ---- lmq.limits.topic-min-length / topic-max-length ---------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("lmq.limits.topic-min-length/topic-max-length (3-20): 3 and 20 characters work; 21 get SUBACK 0x80 and a PUBLISH to them reaches no one and closes the connection; a 2-character parent topic cannot be created")
    void topicLengthOutsideTheConfiguredRangeIsRefused(ClientKind kind) {
        String longest = padTo(PARENT + "/", TOPIC_MAX);
        String tooLong = longest + "x";
        String shortest = PARENT;                      // a topic may be the bare parent topic
        assertThat(shortest).hasSize(TOPIC_MIN);

        // Every topic starts with a parent topic, so one under the minimum needs a parent that short.
        String tooShort = "ab";
        assertThat(broker.admin().registry().createParentTopic(tooShort).ok())
                .as("creating the %d-character parent topic '%s'", tooShort.length(), tooShort).isFalse();

        AppClient sub = connected(kind, "sub");
        assertThat(sub.subscribe(longest, 1)).as("SUBACK for %d characters", TOPIC_MAX).containsExactly(1);
        assertThat(sub.subscribe(shortest, 1)).as("SUBACK for %d characters", TOPIC_MIN).containsExactly(1);
        assertThat(sub.subscribe(tooLong, 1)).as("SUBACK for %d characters", TOPIC_MAX + 1).containsExactly(0x80);
        assertThat(sub.subscribe(tooShort, 1)).as("SUBACK for %d characters", tooShort.length()).containsExactly(0x80);
        assertThat(sub.isConnected()).as("a refused SUBSCRIBE keeps the connection").isTrue();

        AppClient watcher = connected(kind, "watcher");
        assertThat(watcher.subscribe(PARENT + "/#", 1)).containsExactly(1);
        AppClient pub = connected(kind, "pub");
        pub.publish(longest, utf8("longest"), 1, false);
        pub.publish(shortest, utf8("shortest"), 1, false);
        assertThat(next(sub).text()).isEqualTo("longest");
        assertThat(next(sub).text()).isEqualTo("shortest");

        AppClient offender = connected(kind, "offender");
        offender.publish(tooLong, utf8("too-long"), 0, false);
        assertThat(offender.awaitConnectionLost(TIMEOUT)).as("connection closed after a PUBLISH to '%s'", tooLong).isTrue();
        pub.publish(PARENT + "/marker", utf8("marker"), 1, false);
        assertThat(textsBefore(watcher, "marker")).as("messages the watcher got before the marker")
                .containsExactly("longest", "shortest");
    }

    // ---- lmq.parent-topics against lmq.limits.max-parent-topics ------------------------------

    @Test
    @DisplayName("lmq.limits.max-parent-topics: start-up with more lmq.parent-topics than the cap fails with an error naming the key and the refused topic; at the cap it starts")
    void startUpFailsWithMoreParentTopicsThanTheConfiguredCap() {
        List<String> three = List.of("pOne", "pTwo", "pThree");
        ReferenceBroker refused = withParentTopics(three, 2).build();
        assertThatThrownBy(refused::start)
                .hasMessageContaining("lmq.parent-topics")
                .hasMessageContaining("'pThree'")
                .hasMessageContaining("at most 2");
        assertThat(refused.isRunning()).isFalse();

        ReferenceBroker atCap = withParentTopics(three, 3).build();
        try (ReferenceBroker running = atCap.start()) {
            assertThat(running.isRunning()).isTrue();
            assertThat(running.admin().orElseThrow().registry().listParentTopics()).containsExactly("pOne", "pTwo", "pThree");
        }
    }

    private static ReferenceBroker.Builder withParentTopics(List<String> parents, int cap) {
        return ReferenceBroker.builder().tcpPort(0).inMemory().profile(Profile.LMQ)
                .lmq(LmqInstance.config(l -> l.withMaxParentTopics(cap)).withParentTopics(parents));
    }

    // ---- lmq.limits.max-subscriptions-per-client (documented default) -------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("lmq.limits.max-subscriptions-per-client unset: the documented default of 30 applies; the 31st filter gets SUBACK 0x80 and stays inactive")
    void thirtyFirstSubscriptionIsRefusedByDefault(ClientKind kind) {
        AppClient sub = connected(kind, "sub");
        for (int i = 1; i <= DEFAULT_SUBSCRIPTIONS_PER_CLIENT; i++) {
            assertThat(sub.subscribe(PARENT + "/s" + i, 1)).as("SUBACK for subscription %d", i).containsExactly(1);
        }
        String refused = PARENT + "/s" + (DEFAULT_SUBSCRIPTIONS_PER_CLIENT + 1);
        assertThat(sub.subscribe(refused, 1)).as("SUBACK for subscription %d", DEFAULT_SUBSCRIPTIONS_PER_CLIENT + 1)
                .containsExactly(0x80);
        assertThat(sub.isConnected()).as("a refused SUBSCRIBE keeps the connection").isTrue();

        AppClient pub = connected(ClientKind.HIVEMQ, "pub");
        pub.publish(refused, utf8("to-the-refused-filter"), 1, false);
        pub.publish(PARENT + "/s1", utf8("marker"), 1, false);
        assertThat(textsBefore(sub, "marker")).as("messages on the refused filter").isEmpty();
    }

    // ---- lmq.limits.offline-retention ---------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("lmq.limits.offline-retention (1 hour, broker's test clock): an offline message is delivered at 1 h - 1 ms, and no longer at 1 h, while a younger one still is")
    void offlineMessagesLiveForTheConfiguredRetention(ClientKind kind) {
        String topic = PARENT + "/offline";
        String early = clientId("early");
        String late = clientId("late");
        persistentSubscriberGoesOffline(kind, early, topic);
        persistentSubscriberGoesOffline(kind, late, topic);
        AppClient pub = connected(ClientKind.HIVEMQ, "pub");
        pub.publish(topic, utf8("old"), 1, false);

        broker.advanceClock(RETENTION.minusMillis(1));
        AppClient earlyBack = broker.client(kind, early);
        assertThat(KitClients.connect(earlyBack, false)).as("session present").isTrue();
        assertThat(next(earlyBack).text()).as("offline message 1 ms before the retention ends").isEqualTo("old");

        pub.publish(topic, utf8("young"), 1, false);
        broker.advanceClock(Duration.ofMillis(1));
        AppClient lateBack = broker.client(kind, late);
        assertThat(KitClients.connect(lateBack, false)).as("session present").isTrue();
        pub.publish(topic, utf8("marker"), 1, false);
        assertThat(textsBefore(lateBack, "marker")).as("offline messages after %s", RETENTION)
                .containsExactly("young");
    }

    // ---- lmq.limits.token-max-validity --------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("lmq.limits.token-max-validity (1 day): a token asked for 2 days is issued for 1 day; its connection works until then and is closed at 1 day, and the token is refused after")
    void tokenValidityIsCappedAtTheConfiguredMaximum(ClientKind kind) {
        String instance = broker.admin().instanceId();
        long now = broker.admin().now();
        ApplyTokenResult issued = broker.admin().tokens().applyToken(instance, PARENT + "/#", "R,W",
                now + Duration.ofDays(2).toMillis());
        assertThat(issued.success()).as("ApplyToken beyond the cap succeeds: %s", issued.message()).isTrue();
        assertThat(issued.expireTimeMillis()).as("effective expiry").isEqualTo(now + TOKEN_MAX.toMillis());
        QueryTokenResult queried = broker.admin().tokens().queryToken(instance, issued.token());
        assertThat(queried.record().expireTimeMillis()).as("QueryToken's expiry").isEqualTo(now + TOKEN_MAX.toMillis());

        Credentials token = Credentials.token(LmqInstance.AK, instance, Credentials.tokenPassword(issued.token()));
        String id = clientId("token");
        AppClient c = broker.client(kind, id);
        ConnectOutcome o = c.connect(new AppConnectOptions(true, 60, token.forClient(id), null));
        assertThat(o.accepted()).as("CONNECT with the token: %s", o).isTrue();
        assertThat(c.subscribe(PARENT + "/token", 1)).containsExactly(1);

        broker.advanceClock(TOKEN_MAX.minusMillis(1));
        c.publish(PARENT + "/token", utf8("still-valid"), 1, false);
        assertThat(next(c).text()).as("publish and receive 1 ms before the cap").isEqualTo("still-valid");

        broker.advanceClock(Duration.ofMillis(1));
        assertThat(c.awaitConnectionLost(TIMEOUT)).as("connection closed when the capped token expired").isTrue();
        String againId = clientId("token-again");
        AppClient again = broker.client(kind, againId);
        ConnectOutcome refused = again.connect(new AppConnectOptions(true, 60, token.forClient(againId), null));
        assertThat(refused.accepted()).as("CONNECT with the expired token: %s", refused).isFalse();
        assertThat(refused.returnCode()).isIn(4, 5);
    }
}
