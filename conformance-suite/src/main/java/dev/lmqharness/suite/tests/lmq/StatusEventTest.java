package dev.lmqharness.suite.tests.lmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Requires;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.suite.broker.TargetConfig;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.lmqharness.kit.wire.RawBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Client status events on the configured events topic (LMQ-EVT-1, LMQ-EVT-2). */
@ConformanceTest(area = "events")
class StatusEventTest {

    record Event(String eventType, String clientId, String channelId, long time) {
    }

    /** Reads events for these client IDs until {@code count} of them arrived. */
    private static List<Event> events(SuiteContext ctx, RawMqttClient sub, Set<String> clientIds, int count) {
        ObjectMapper om = new ObjectMapper();
        List<Event> out = new ArrayList<>();
        while (out.size() < count) {
            MqttPublishMessage p = sub.expectPublish(ctx.timeout());
            sub.acknowledge(p, ctx.timeout());
            try {
                JsonNode n = om.readTree(RawMqttClient.payloadOf(p));
                for (String field : new String[] {"eventType", "clientId", "channelId", "time"}) {
                    assertThat(n.hasNonNull(field)).as("status event field %s in %s", field, n).isTrue();
                }
                Event e = new Event(n.get("eventType").asText(), n.get("clientId").asText(), n.get("channelId").asText(), n.get("time").asLong());
                if (clientIds.contains(e.clientId())) {
                    out.add(e);
                }
            } catch (IOException e) {
                throw new AssertionError("status event is not JSON: " + new String(RawMqttClient.payloadOf(p)), e);
            }
        }
        return out;
    }

    private static RawMqttClient eventSubscriber(SuiteContext ctx) {
        RawMqttClient sub = ctx.rawConnected();
        sub.subscribe(ctx.target().config().eventsTopic(), 1, ctx.timeout());
        return sub;
    }

    @Test
    @Rule("LMQ-EVT-1")
    @Requires(Capability.STATUS_EVENTS)
    void connectionsProduceConnectDisconnectAndTcpcleanEvents(SuiteContext ctx) {
        RawMqttClient sub = eventSubscriber(ctx);
        String polite = ctx.clientId();
        String dropped = ctx.clientId();
        ctx.rawConnected(ctx.connectSpec(polite)).disconnect();
        ctx.rawConnected(ctx.connectSpec(dropped)).close();
        List<Event> ev = events(ctx, sub, Set.of(polite, dropped), 4);
        Map<String, List<String>> types = new HashMap<>();
        ev.forEach(e -> types.computeIfAbsent(e.clientId(), k -> new ArrayList<>()).add(e.eventType()));
        assertThat(types.get(polite)).as("events of a client that sent DISCONNECT").containsExactlyInAnyOrder("connect", "disconnect");
        assertThat(types.get(dropped)).as("events of a client whose TCP connection closed").containsExactlyInAnyOrder("connect", "tcpclean");
    }

    @Test
    @Rule("LMQ-EVT-2")
    @Requires(Capability.STATUS_EVENTS)
    void onlineStateFollowsTheEventsPerChannel(SuiteContext ctx) {
        RawMqttClient sub = eventSubscriber(ctx);
        String id = ctx.clientId();
        ConnectSpec spec = ctx.connectSpec(id);
        RawMqttClient first = ctx.rawConnected(spec);
        RawMqttClient second = ctx.rawConnected(spec);   // kicks the first: tcpclean for its channel
        List<Event> ev = events(ctx, sub, Set.of(id), 3);
        Map<String, String> lastByChannel = new HashMap<>();
        ev.forEach(e -> lastByChannel.merge(e.channelId(), e.eventType(), (a, b) -> "connect".equals(a) ? b : a));
        assertThat(lastByChannel.values()).as("channels of %s: one online, the kicked one closed", id)
                .containsExactlyInAnyOrder("connect", "tcpclean");
        second.disconnect();
        List<Event> end = events(ctx, sub, Set.of(id), 1);
        assertThat(end.get(0).eventType()).isEqualTo("disconnect");
        assertThat(first.isOpen()).isFalse();
    }

    /** The server's own closes are not DISCONNECTs: a Keep Alive expiry and a close for a protocol violation end with tcpclean. */
    @Test
    @Rule("LMQ-EVT-1")
    @Requires(Capability.STATUS_EVENTS)
    void serverClosesForKeepAliveAndProtocolViolationsAreTcpclean(SuiteContext ctx) {
        RawMqttClient sub = eventSubscriber(ctx);
        String sleepy = ctx.clientId();
        String violator = ctx.clientId();
        RawMqttClient silent = ctx.rawConnected(ctx.connectSpec(sleepy).withKeepAlive(1));
        RawMqttClient broken = ctx.rawConnected(ctx.connectSpec(violator));
        broken.sendBytes(bytes(0x20, 0x02, 0x00, 0x00), "CONNACK from the client (MQTT-4.8.0-1)");
        assertThat(broken.awaitClosed(ctx.timeout())).as("the server closes a connection that sent CONNACK").isTrue();
        // 1.5 x 1 s of silence, plus the slack the keep-alive tests allow on a shared machine
        assertThat(silent.awaitClosed(Duration.ofMillis(3500))).as("the server closes a client silent past 1.5 x its Keep Alive")
                .isTrue();
        List<Event> ev = events(ctx, sub, Set.of(sleepy, violator), 4);
        Map<String, List<String>> types = new HashMap<>();
        ev.forEach(e -> types.computeIfAbsent(e.clientId(), k -> new ArrayList<>()).add(e.eventType()));
        assertThat(types.get(sleepy)).as("events of a client the server dropped for Keep Alive").containsExactlyInAnyOrder("connect", "tcpclean");
        assertThat(types.get(violator)).as("events of a client the server closed for a protocol violation")
                .containsExactlyInAnyOrder("connect", "tcpclean");
    }

    /**
     * Events are per connection that came online: a CONNECT the server refuses (a wrong signature)
     * produces none. The same Client ID then connects and disconnects, and another client does so
     * after it as a marker; every event of the ID must belong to the one accepted channel.
     */
    @Test
    @Rule("LMQ-EVT-1")
    @Requires(Capability.STATUS_EVENTS)
    void refusedConnectProducesNoEvent(SuiteContext ctx) {
        TargetConfig c = ctx.target().config();
        if (c.accessKey() == null || c.instanceId() == null) {
            ctx.skip("a CONNECT the target refuses needs signature credentials to get wrong: set lmq.accessKey and lmq.instanceId");
        }
        RawMqttClient sub = eventSubscriber(ctx);
        String id = ctx.clientId();
        String marker = ctx.clientId();
        RawMqttClient refused = ctx.raw();
        UserPass wrong = new UserPass("Signature|" + c.accessKey() + "|" + c.instanceId(), "bm90LXRoZS1zaWduYXR1cmU=".getBytes());
        refused.send(Packets.connect(ctx.connectSpec(id).withCredentials(wrong)));
        RawMqttClient.Received answer = refused.nextReceived(ctx.timeout());
        if (answer != null && answer.type() == MqttMessageType.CONNACK
                && (((MqttConnAckMessage) answer.message()).variableHeader().connectReturnCode().byteValue() & 0xff) == 0) {
            ctx.skip("the target accepted a CONNECT with a wrong signature (signature mode is judged by AuthTest), so no refused CONNECT could be made");
        }
        assertThat(refused.awaitClosed(ctx.timeout())).as("the connection of a refused CONNECT is closed").isTrue();
        ctx.rawConnected(ctx.connectSpec(id)).disconnect();
        ctx.rawConnected(ctx.connectSpec(marker)).disconnect();
        List<Event> ofId = new ArrayList<>();
        boolean markerEnded = false;
        while (!markerEnded || ofId.stream().noneMatch(e -> "disconnect".equals(e.eventType()))) {
            Event e = events(ctx, sub, Set.of(id, marker), 1).get(0);
            if (e.clientId().equals(id)) {
                ofId.add(e);
            } else if ("disconnect".equals(e.eventType())) {
                markerEnded = true;
            }
        }
        assertThat(ofId.stream().map(Event::channelId).distinct().toList())
                .as("channels in the events of %s (a refused CONNECT, then one accepted connection): %s", id, ofId).hasSize(1);
        assertThat(ofId.stream().map(Event::eventType).toList()).as("event types of %s", id).containsOnly("connect", "disconnect");
    }
}
