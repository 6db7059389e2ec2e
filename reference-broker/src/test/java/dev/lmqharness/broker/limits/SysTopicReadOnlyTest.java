package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.wire.RawMqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the plain {@code mqtt311} profile {@code $SYS} belongs to the server (MQTT 3.1.1 §4.7.2): a
 * client's PUBLISH there is acknowledged per its QoS and delivered to no one (MQTT-3.3.5-2 allows a
 * positive acknowledgement or a close; the broker acknowledges and keeps the connection).
 */
@Timeout(30)
@DisplayName("$SYS is read-only for clients in the mqtt311 profile")
class SysTopicReadOnlyTest {

    private ReferenceBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    @DisplayName("A client PUBLISH to $SYS/... is acknowledged, reaches no subscriber, and the connection stays open")
    void clientPublishToSysIsNotDelivered() {
        broker = EmbeddedBroker.fromYaml("profile: mqtt311\n");
        int port = EmbeddedBroker.tcpPort(broker);
        try (RawMqttClient sub = KitClients.rawConnected(port, "sys-sub", true);
             RawMqttClient spoofer = KitClients.rawConnected(port, "sys-spoofer", true)) {
            assertThat(sub.subscribe("$SYS/#", 1, TIMEOUT)).containsExactly(1);
            spoofer.publish("$SYS/lmq/client-status", 1, false,
                    "{\"eventType\":\"connect\",\"clientId\":\"forged\"}".getBytes(StandardCharsets.UTF_8), TIMEOUT);
            spoofer.publish("$SYS/broker/uptime", 0, false, "0".getBytes(StandardCharsets.UTF_8), TIMEOUT);
            sub.expectNoPacket(Duration.ofSeconds(2), "a client's PUBLISH to $SYS must not be delivered");
            assertThat(spoofer.isOpen()).as("the spoofer's connection stays open").isTrue();
            spoofer.publish("plain/topic", 1, false, "ok".getBytes(StandardCharsets.UTF_8), TIMEOUT); // still served
        }
    }
}
