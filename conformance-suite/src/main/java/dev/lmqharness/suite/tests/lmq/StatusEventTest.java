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
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
}
