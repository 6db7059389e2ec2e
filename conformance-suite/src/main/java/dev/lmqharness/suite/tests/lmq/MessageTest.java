package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Requires;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.suite.broker.TargetAdmin;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.Will;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.junit.Profiles;
import dev.lmqharness.suite.junit.Reasons;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.text;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.assertWillDeliveredToNoOne;
import static dev.lmqharness.suite.tests.support.LmqChecks.publishMayBeRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** Payload limit, per-publisher order, message IDs, the per-client load profile (LMQ-MSG-1..3, LMQ-TPS-1). */
@ConformanceTest(area = "messages")
class MessageTest {

    @BothClients
    @Rule("LMQ-MSG-1")
    void payloadAtTheLimitIsDeliveredAndLargerDiscarded(ClientKind kind, SuiteContext ctx) {
        int max = ctx.limits().getInt(Limits.Name.PAYLOAD_MAX_BYTES);
        String topic = ctx.topics().topic("size");
        int qos = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
        byte[] atLimit = new byte[max];
        atLimit[0] = 'A';
        byte[] over = new byte[max + 1];
        over[0] = 'B';
        AppClient pub = ctx.appConnected(kind);
        pub.publish(topic, atLimit, qos, false);
        AppMessage m = message(sub, ctx);
        assertThat(m.payload().length).as("payload of exactly %d bytes", max).isEqualTo(max);
        publishMayBeRefused(ctx, ctx.appConnected(kind), topic, over, qos);
        ctx.appConnected(kind).publish(topic, utf8("marker"), qos, false);
        List<String> before = payloadsBefore(sub, ctx, "marker");
        assertThat(before).as("messages of %d bytes delivered (limit %d)", max + 1, max).isEmpty();
    }

    /** A Will is a message too: a Will payload over the limit is delivered to no one. */
    @Test
    @Rule("LMQ-MSG-1")
    void willPayloadOverTheLimitIsDeliveredToNoOne(SuiteContext ctx) {
        int max = ctx.limits().getInt(Limits.Name.PAYLOAD_MAX_BYTES);
        String topic = ctx.topics().topic("will-size");
        String sentinel = ctx.topics().topic("will-sentinel");
        int qos = ctx.deliveryQos();
        RawMqttClient watcher = ctx.rawConnected();
        watcher.subscribe(topic, qos, ctx.timeout());
        watcher.subscribe(sentinel, qos, ctx.timeout());
        byte[] over = new byte[max + 1];
        over[0] = 'W';
        assertWillDeliveredToNoOne(ctx, watcher, new Will(topic, over, qos, false), sentinel);
    }

    @BothClients
    @Rule("LMQ-MSG-2")
    void messagesOfOnePublisherKeepTheirOrder(ClientKind kind, SuiteContext ctx) {
        String topic = ctx.topics().topic("order");
        int qos = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
        AppClient pub = ctx.appConnected(kind);
        for (int i = 0; i < 50; i++) {
            pub.publish(topic, utf8("n" + i), qos, false);
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            got.add(message(sub, ctx).text());
        }
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "n" + i).toList());
    }

    @Test
    @Rule("LMQ-MSG-3")
    @Requires(Capability.ADMIN_API)
    void everyMessageHasAUniqueTraceableId(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String topic = ctx.topics().topic("trace");
        int qos = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(ClientKind.PAHO);
        assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
        AppClient pub = ctx.appConnected(ClientKind.PAHO);
        pub.publish(topic, utf8("t1"), qos, false);
        pub.publish(topic, utf8("t2"), qos, false);
        message(sub, ctx);
        message(sub, ctx);
        // The topic belongs to this test alone, so its traces are exactly these two messages.
        List<TargetAdmin.MessageTrace> traces = Awaitility.await("traces of both messages, delivered").atMost(ctx.timeout())
                .until(() -> admin.traces(topic), t -> t.size() >= 2 && t.stream().allMatch(x -> x.deliveredTo().contains(sub.clientId())));
        assertThat(traces).hasSize(2);
        assertThat(traces.get(0).messageId()).isNotBlank().isNotEqualTo(traces.get(1).messageId());
        assertThat(traces).allSatisfy(t -> {
            assertThat(t.publisherClientId()).isEqualTo(pub.clientId());
            assertThat(t.deliveredTo()).contains(sub.clientId());
        });
    }

    @BothClients
    @Rule("LMQ-TPS-1")
    void twentyMessagesPerSecondAreNotThrottled(ClientKind kind, SuiteContext ctx) {
        int rate = ctx.limits().getInt(Limits.Name.MESSAGES_PER_SECOND_PER_CLIENT);
        int count = rate * 3;
        String topic = ctx.topics().topic("rate");
        int qos = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
        AppClient pub = ctx.appConnected(kind);
        long start = System.nanoTime();
        long interval = Duration.ofSeconds(1).toNanos() / rate;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            // Pace the publisher at the documented per-client rate.
            Awaitility.await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() >= due);
            pub.publish(topic, utf8("r" + i), qos, false);
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(message(sub, ctx).text());
        }
        assertThat(got).as("%d messages at %d/s", count, rate).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "r" + i).toList());
    }

    /** Two publishers at once on one topic: each one's messages keep their order (no order across them is promised). */
    @BothClients
    @Rule("LMQ-MSG-2")
    void twoConcurrentPublishersEachKeepTheirOrder(ClientKind kind, SuiteContext ctx) throws Exception {
        int count = 50;
        String topic = ctx.topics().topic("order2");
        int qos = ctx.deliveryQos();
        AppClient sub = ctx.appConnected(kind);
        assertThat(sub.subscribe(topic, qos)).containsExactly(qos);
        AppClient a = ctx.appConnected(kind);
        AppClient b = ctx.appConnected(kind);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> IntStream.range(0, count)
                    .forEach(i -> a.publish(topic, utf8("a" + i), qos, false)), two);
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> IntStream.range(0, count)
                    .forEach(i -> b.publish(topic, utf8("b" + i), qos, false)), two);
            CompletableFuture.allOf(fromA, fromB).get(ctx.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } finally {
            two.shutdownNow();
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2 * count; i++) {
            got.add(message(sub, ctx).text());
        }
        assertThat(got.stream().filter(t -> t.startsWith("a")).toList()).as("messages of the first publisher, in the order received")
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "a" + i).toList());
        assertThat(got.stream().filter(t -> t.startsWith("b")).toList()).as("messages of the second publisher, in the order received")
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "b" + i).toList());
    }

    /**
     * Order per publisher holds across QoS levels: a QoS 0 message does not overtake the same
     * publisher's earlier QoS 1 messages that wait for a subscriber which has acknowledged nothing yet
     * (plain MQTT orders only per QoS, MQTT-4.6.0-6; the rulebook promises the order sent).
     */
    @Test
    @Rule("LMQ-MSG-2")
    @Profiles(value = TargetProfile.LMQ, reason = Reasons.LITE_QOS)
    void qos0MessageDoesNotOvertakeEarlierQos1MessagesOfItsPublisher(SuiteContext ctx) {
        int count = 40;
        String topic = ctx.topics().topic("mixed");
        RawMqttClient sub = ctx.rawConnected();
        assertThat(sub.subscribe(topic, 1, ctx.timeout())).containsExactly(1);
        RawMqttClient pub = ctx.rawConnected();
        for (int i = 1; i <= count; i++) {
            pub.publish(topic, 1, false, utf8("m" + i), ctx.timeout());
        }
        pub.publish(topic, 0, false, utf8("m" + (count + 1)), ctx.timeout());
        List<String> got = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            MqttPublishMessage p = sub.expectPublish(ctx.timeout());
            sub.acknowledge(p, ctx.timeout());
            got.add(text(p));
        }
        assertThat(got).as("%d QoS 1 messages, then a QoS 0 one, from one publisher", count)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, count + 1).mapToObj(i -> "m" + i).toList());
    }
}
