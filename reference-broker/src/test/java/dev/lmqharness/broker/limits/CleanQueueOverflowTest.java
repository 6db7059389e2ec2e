package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawBytes;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bound of a cleanSession=1 client's queue and what happens at it: QoS 1 with the default
 * policy disconnects the slow client, with {@code drop-oldest} keeps it and drops the oldest waiting
 * messages; QoS 0 to a client that does not drain is dropped. Other clients are served throughout.
 */
@Timeout(60)
@DisplayName("A clean session's queue is bounded, with the configured policy at the bound")
class CleanQueueOverflowTest {

    static final int WINDOW = 8;
    static final int QUEUE = 20;

    private ReferenceBroker broker;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private void start(String overflow) {
        broker = EmbeddedBroker.fromYaml("""
                mqtt: {max-inflight: %d}
                limits: {clean-queue-messages: %d, clean-queue-overflow: %s}
                """.formatted(WINDOW, QUEUE, overflow));
    }

    private RawMqttClient client(String id) {
        RawMqttClient c = KitClients.rawConnected(EmbeddedBroker.tcpPort(broker), id, true);
        opened.add(c);
        return c;
    }

    /** A subscriber that receives its window full but never acknowledges: its queue can only grow. */
    private RawMqttClient stalledSubscriber(String id, String topic) {
        RawMqttClient sub = client(id);
        assertThat(sub.subscribe(topic, 1, TIMEOUT)).containsExactly(1);
        return sub;
    }

    private static void publish(RawMqttClient pub, String topic, int from, int to, int qos) {
        for (int i = from; i < to; i++) {
            pub.publish(topic, qos, false, ("m" + i).getBytes(StandardCharsets.UTF_8), TIMEOUT);
        }
    }

    private static String text(MqttPublishMessage p) {
        return new String(RawMqttClient.payloadOf(p), StandardCharsets.UTF_8);
    }

    /** The other client is unaffected: it subscribes, publishes and receives at once. */
    private void anotherClientIsServed() {
        RawMqttClient other = client("bystander");
        other.subscribe("other/t", 1, TIMEOUT);
        other.publish("other/t", 1, false, "hello".getBytes(StandardCharsets.UTF_8), TIMEOUT);
        assertThat(text(other.expectPublish(TIMEOUT))).isEqualTo("hello");
    }

    @Test
    @DisplayName("Default policy: a QoS 1 subscriber whose queue passes the bound is disconnected and counted")
    void slowClientIsDisconnectedAtTheBound() {
        start("disconnect");
        RawMqttClient slow = stalledSubscriber("slow", "q/t");
        RawMqttClient pub = client("pub");
        publish(pub, "q/t", 0, WINDOW + QUEUE, 1); // exactly fills the window and the queue
        assertThat(slow.isOpen()).as("at the bound, not beyond it").isTrue();
        publish(pub, "q/t", WINDOW + QUEUE, WINDOW + QUEUE + 5, 1);

        assertThat(slow.awaitClosed(TIMEOUT)).as("the slow client is disconnected").isTrue();
        assertThat(EmbeddedBroker.metric(broker, "lmq_limits_slow_client_disconnects_total")).isEqualTo(1.0);
        assertThat(broker.admin().orElseThrow().clientStatus("slow").online()).isFalse();
        assertThat(pub.isOpen()).as("the publisher is not affected").isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> EmbeddedBroker.metric(broker, "lmq_limits_clean_queue_bytes") == 0.0);
        anotherClientIsServed();
    }

    @Test
    @DisplayName("drop-oldest: the slow client stays connected, the oldest waiting messages are dropped, the newest follow in order")
    void dropOldestKeepsTheNewest() {
        start("drop-oldest");
        RawMqttClient slow = stalledSubscriber("slow", "q/t");
        RawMqttClient pub = client("pub");
        int total = WINDOW + QUEUE + 30;
        publish(pub, "q/t", 0, total, 1);
        List<MqttPublishMessage> window = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
            window.add(slow.expectPublish(TIMEOUT));
        }
        assertThat(text(window.get(0))).isEqualTo("m0");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> EmbeddedBroker.metric(broker, "lmq_limits_dropped_total{reason=\"oldest\"}") == 30.0);
        assertThat(slow.isOpen()).isTrue();

        window.forEach(p -> slow.send(Packets.puback(p.variableHeader().packetId())));
        List<String> next = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
            MqttPublishMessage p = slow.expectPublish(TIMEOUT);
            next.add(text(p));
        }
        assertThat(next).as("the oldest waiting ones were dropped, the rest follow in order")
                .containsExactly("m38", "m39", "m40", "m41", "m42", "m43", "m44", "m45");
        anotherClientIsServed();
    }

    @Test
    @DisplayName("QoS 0 to a client that does not read is dropped once its channel stops draining, and counted")
    void qos0ToANonReadingClientIsDropped() throws Exception {
        start("disconnect");
        Socket deaf = new Socket();
        opened.add(deaf);
        deaf.setReceiveBufferSize(4096);
        deaf.connect(new InetSocketAddress("127.0.0.1", EmbeddedBroker.tcpPort(broker)), 5_000);
        OutputStream out = deaf.getOutputStream();
        out.write(RawBytes.connect(RawBytes.CLEAN_SESSION, 0, UserPass.NONE, RawBytes.str("deaf")));
        out.write(RawBytes.packet(0x82, RawBytes.u16(1), RawBytes.str("z/t"), RawBytes.u8(0)));
        out.flush();
        await().atMost(TIMEOUT).until(() -> broker.admin().orElseThrow().clientStatus("deaf").online());

        RawMqttClient pub = client("pub0");
        byte[] kb = new byte[1024];
        for (int i = 0; i < 20_000; i++) { // 20 MB, more than the kernel's socket buffers hold
            pub.send(Packets.publish("z/t", 0, false, 0, kb));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> EmbeddedBroker.metric(broker, "lmq_limits_dropped_total{reason=\"qos0\"}") > 0);
        anotherClientIsServed();
    }
}
