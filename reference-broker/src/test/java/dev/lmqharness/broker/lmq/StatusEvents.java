package dev.lmqharness.broker.lmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lmqharness.broker.config.LmqConfig;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watcher's view of the client status events (LMQ-EVT-1), parsed from the JSON on the status
 * topic independently of the broker's own classes, and the consumer-side online rule of
 * LMQ-EVT-2 (de-duplicated by channelId).
 */
final class StatusEvents {

    static final String TOPIC = LmqConfig.DEFAULT_STATUS_TOPIC;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as seen on the wire. */
    record Event(String eventType, String clientId, String channelId, String clientIp, long time) {
    }

    private final TestMqttClient watcher;

    StatusEvents(TestMqttClient watcher) {
        this.watcher = watcher;
        assertThat(watcher.subscribe(TOPIC, 1)).as("status topic subscription").isEqualTo(1);
    }

    static Event parse(Received r) {
        try {
            JsonNode n = JSON.readTree(r.payload());
            assertThat(n.has("eventType") && n.has("clientId") && n.has("channelId") && n.has("time"))
                    .as("status event fields in %s", r.text()).isTrue();
            return new Event(n.get("eventType").asText(), n.get("clientId").asText(), n.get("channelId").asText(),
                    n.hasNonNull("clientIp") ? n.get("clientIp").asText() : null, n.get("time").asLong());
        } catch (IOException e) {
            throw new AssertionError("status event is not JSON: " + r.text(), e);
        }
    }

    List<Event> of(String clientId) {
        return watcher.inbox().on(TOPIC).stream().map(StatusEvents::parse)
                .filter(e -> e.clientId().equals(clientId)).toList();
    }

    /** Waits (bounded) until the client has an event of this type (on this channel, if given). */
    Event await(String clientId, String type, String channelId) {
        Waits.atMost(Inbox.DELIVERY).until(() -> find(clientId, type, channelId) != null);
        return find(clientId, type, channelId);
    }

    private Event find(String clientId, String type, String channelId) {
        return of(clientId).stream().filter(e -> e.eventType().equals(type))
                .filter(e -> channelId == null || e.channelId().equals(channelId)).findFirst().orElse(null);
    }

    /** LMQ-EVT-2: online exactly when some channel has a connect and no disconnect/tcpclean. */
    boolean online(String clientId) {
        Map<String, String> lastByChannel = new LinkedHashMap<>();
        for (Event e : of(clientId)) {
            // de-duplicate by channel: an end event wins over a connect, whatever the arrival order
            lastByChannel.merge(e.channelId(), e.eventType(), (a, b) -> a.equals("connect") ? b : a);
        }
        return lastByChannel.values().stream().anyMatch("connect"::equals);
    }
}
