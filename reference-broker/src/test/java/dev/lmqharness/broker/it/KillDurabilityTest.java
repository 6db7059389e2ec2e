package dev.lmqharness.broker.it;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 under QoS 1 traffic to a persistent session: every message the broker acknowledged
 * (PUBACK) must reach the subscriber after a restart on the same data directory. Duplicates are
 * allowed (QoS 1), losses are not.
 */
@Timeout(120)
@DisplayName("Durable by default: kill -9 under QoS 1 traffic loses no acknowledged message")
class KillDurabilityTest {

    static final String TOPIC = "durable/t";
    static final int ACKED_BEFORE_KILL = 300;
    static final int WINDOW = 32;

    @TempDir
    Path dataDir;

    /**
     * Publishes QoS 1 messages m0, m1, ... over a raw connection with at most {@link #WINDOW}
     * unacknowledged, recording which the broker acknowledged, until stopped or disconnected.
     */
    private static final class Publisher implements Runnable {
        final RawMqttClient client;
        final Set<String> acked = new ConcurrentSkipListSet<>();
        final Map<Integer, String> outstanding = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();

        Publisher(RawMqttClient client) {
            this.client = client;
        }

        @Override
        public void run() {
            while (!stop.get() && client.isOpen()) {
                if (outstanding.size() < WINDOW) {
                    String payload = "m" + sent.getAndIncrement();
                    int id = client.nextPacketId();
                    outstanding.put(id, payload);
                    client.send(Packets.publish(TOPIC, 1, false, id, payload.getBytes(StandardCharsets.UTF_8)));
                }
                RawMqttClient.Received r = client.nextReceived(Duration.ofMillis(outstanding.size() < WINDOW ? 0 : 100));
                if (r != null && r.type() == MqttMessageType.PUBACK) {
                    String p = outstanding.remove(((MqttMessageIdVariableHeader) r.message().variableHeader()).messageId());
                    if (p != null) {
                        acked.add(p);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    @DisplayName("kill -9 mid-traffic, restart on the same data: every PUBACKed message reaches an offline and an online persistent subscriber")
    void killUnderQos1Traffic(ClientKind kind) throws Exception {
        Set<String> acked;
        int sent;
        Set<String> onlineReceived = new HashSet<>();
        try (BrokerProcess first = BrokerProcess.start(dataDir)) {
            BrokerAddress endpoint = BrokerAddress.loopback(Scheme.TCP, first.tcpPort());
            try (AppClient offline = KitClients.app(kind, endpoint, "offline-sub")) {
                KitClients.connect(offline, false);
                offline.subscribe(TOPIC, 1);
                offline.disconnect(); // its messages are queued on disk only
            }
            try (AppClient online = KitClients.app(kind, endpoint, "online-sub"); // messages in flight to it at the kill
                 RawMqttClient pubClient = KitClients.rawConnected(first.tcpPort(), "durable-pub", true)) {
                KitClients.connect(online, false);
                online.subscribe(TOPIC, 1);
                Publisher pub = new Publisher(pubClient);
                Thread t = new Thread(pub, "durable-publisher");
                t.start();
                await("acknowledged messages").atMost(Duration.ofSeconds(30))
                        .until(() -> pub.acked.size() >= ACKED_BEFORE_KILL);
                first.kill(); // mid-traffic: the publisher is still sending
                pub.stop.set(true);
                t.join(10_000);
                acked = new HashSet<>(pub.acked);
                sent = pub.sent.get();
                online.drain().forEach(r -> onlineReceived.add(r.text()));
            }
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
        assertThat(sent).as("the kill hit traffic in flight (sent but not acknowledged)").isGreaterThan(acked.size());

        try (BrokerProcess second = BrokerProcess.start(dataDir);
             AppClient offline = KitClients.app(kind, BrokerAddress.loopback(Scheme.TCP, second.tcpPort()), "offline-sub");
             AppClient online = KitClients.app(kind, BrokerAddress.loopback(Scheme.TCP, second.tcpPort()), "online-sub")) {
            assertThat(KitClients.connect(offline, false)).as("the offline subscriber's session survived the kill").isTrue();
            assertThat(KitClients.connect(online, false)).as("the online subscriber's session survived the kill").isTrue();
            Set<String> offlineReceived = new HashSet<>();
            String what = " (" + acked.size() + " acknowledged of " + sent + " sent)";
            await("every acknowledged message at the offline subscriber" + what)
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        offline.drain().stream().map(AppMessage::text).forEach(offlineReceived::add);
                        return offlineReceived.containsAll(acked);
                    });
            await("every acknowledged message at the online subscriber, before or after the kill" + what)
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        online.drain().stream().map(AppMessage::text).forEach(onlineReceived::add);
                        return onlineReceived.containsAll(acked);
                    });
        }
    }
}
