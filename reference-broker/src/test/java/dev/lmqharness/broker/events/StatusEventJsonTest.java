package dev.lmqharness.broker.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Status events and their JSON")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StatusEventJsonTest {

    private final ObjectMapper independent = new ObjectMapper();

    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("JSON carries eventType, clientId, channelId, clientIp, time")
    void fields() throws Exception {
        StatusEvent e = new StatusEvent(EventType.CONNECT, "GID_a@@@dev", "ch-1", "127.0.0.1", 1_700_000_000_123L);
        JsonNode json = independent.readTree(StatusEventJson.toJson(e));
        assertThat(json.get("eventType").asText()).isEqualTo("connect");
        assertThat(json.get("clientId").asText()).isEqualTo("GID_a@@@dev");
        assertThat(json.get("channelId").asText()).isEqualTo("ch-1");
        assertThat(json.get("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(json.get("time").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(json.get("time").isIntegralNumber()).isTrue();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("eventType", "clientId", "channelId", "clientIp", "time");
    }

    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("The three event types use the wire names connect, disconnect, tcpclean")
    void wireNames() throws Exception {
        for (EventType t : EventType.values()) {
            StatusEvent e = new StatusEvent(t, "c", "ch", null, 1L);
            assertThat(independent.readTree(StatusEventJson.toJson(e)).get("eventType").asText()).isEqualTo(t.wireName());
        }
        assertThat(EventType.CONNECT.wireName()).isEqualTo("connect");
        assertThat(EventType.DISCONNECT.wireName()).isEqualTo("disconnect");
        assertThat(EventType.TCPCLEAN.wireName()).isEqualTo("tcpclean");
    }

    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("ClientIp is optional and omitted when unknown")
    void optionalIp() throws Exception {
        StatusEvent e = new StatusEvent(EventType.TCPCLEAN, "c", "ch", null, 5L);
        JsonNode json = independent.readTree(StatusEventJson.toJson(e));
        assertThat(json.has("clientIp")).isFalse();
        assertThat(StatusEventJson.fromJson(StatusEventJson.toJson(e))).isEqualTo(e);
    }

    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("JSON round-trips, and unknown fields from other producers are ignored")
    void roundTrip() {
        StatusEvent e = new StatusEvent(EventType.DISCONNECT, "GID_a@@@dev", "ch-9", "10.0.0.1", 42L);
        assertThat(StatusEventJson.fromJson(StatusEventJson.toJson(e))).isEqualTo(e);
        String foreign = "{\"eventType\":\"tcpclean\",\"clientId\":\"x\",\"channelId\":\"y\",\"time\":7,\"extra\":true}";
        assertThat(StatusEventJson.fromJson(foreign.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new StatusEvent(EventType.TCPCLEAN, "x", "y", null, 7L));
        assertThat(StatusEventJson.toJsonString(e)).startsWith("{\"eventType\":\"disconnect\"");
    }

    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("Malformed events are refused with a clear message")
    void malformed() {
        assertThatThrownBy(() -> StatusEventJson.fromJson(b("{\"eventType\":\"online\",\"clientId\":\"x\",\"channelId\":\"y\",\"time\":1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("online");
        assertThatThrownBy(() -> StatusEventJson.fromJson(b("{\"eventType\":\"connect\",\"channelId\":\"y\",\"time\":1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> StatusEventJson.fromJson(b("not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a status event");
        assertThatThrownBy(() -> StatusEventJson.fromJson(b("null")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("A closed connection is 'disconnect' only if the client sent DISCONNECT, otherwise 'tcpclean'")
    void closeCause() {
        assertThat(EventType.forClose(true)).isEqualTo(EventType.DISCONNECT);
        assertThat(EventType.forClose(false)).isEqualTo(EventType.TCPCLEAN);
    }


    @Rule("LMQ-EVT-1")
    @Test
    @DisplayName("An event needs a clientId and a channelId")
    void required() {
        assertThatThrownBy(() -> new StatusEvent(EventType.CONNECT, "", "c", null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusEvent(EventType.CONNECT, "c", null, null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
