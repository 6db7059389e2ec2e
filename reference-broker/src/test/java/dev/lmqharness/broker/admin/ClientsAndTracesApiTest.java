package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admin API: client status, closing a connection, message traces")
class ClientsAndTracesApiTest extends AdminApiTestBase {

    private static final String CLIENT = "GID_demo@@@device-1";
    private static final String ENCODED = "GID_demo%40%40%40device-1";

    @Test
    @DisplayName("LMQ-EVT-2: online status by client ID, URL-encoded or not")
    void onlineStatus() {
        JsonNode offline = assertOk(http.get("/api/v1/clients/" + ENCODED), 200);
        assertThat(offline.path("clientId").asText()).isEqualTo(CLIENT);
        assertThat(offline.path("online").asBoolean()).isFalse();
        assertThat(offline.path("channelId").isNull()).isTrue();

        String channel = broker.connect(CLIENT, "10.0.0.7");
        JsonNode online = assertOk(http.get("/api/v1/clients/" + ENCODED), 200);
        assertThat(online.path("online").asBoolean()).isTrue();
        assertThat(online.path("channelId").asText()).isEqualTo(channel);
        assertThat(online.path("clientIp").asText()).isEqualTo("10.0.0.7");
        assertThat(online.path("subscriptions").isArray()).isTrue();
        assertThat(online.has("sessionPresent") && online.has("persistent") && online.has("queuedMessages")).isTrue();
        // '@' is legal unencoded in a path segment
        assertThat(assertOk(http.get("/api/v1/clients/" + CLIENT), 200).path("online").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("Closing a connection ends it as a kick would; 404 when not connected")
    void closeConnection() {
        String first = broker.connect(CLIENT, "10.0.0.7");
        String second = broker.connect(CLIENT, "10.0.0.8"); // collision kick: the first is gone
        assertThat(broker.online.liveChannels(CLIENT)).containsExactly(second);
        assertThat(first).isNotEqualTo(second);

        assertOk(http.delete("/api/v1/clients/" + ENCODED + "/connection"), 204);
        assertThat(broker.online.isOnline(CLIENT)).isFalse();
        assertThat(assertOk(http.get("/api/v1/clients/" + ENCODED), 200).path("online").asBoolean()).isFalse();

        assertError(http.delete("/api/v1/clients/" + ENCODED + "/connection"), 404, "LMQ-EVT-2");
        assertError(http.delete("/api/v1/clients/GID_demo@@@never/connection"), 404, "LMQ-EVT-2");
    }

    @Test
    void clientIdsDecodePerSegment() {
        // %2F stays inside the segment, '+' stays a plus, %20 is a space (plain MQTT client IDs may hold them)
        broker.connect("a/b", "10.0.0.1");
        broker.connect("a+b c", "10.0.0.2");
        assertThat(assertOk(http.get("/api/v1/clients/a%2Fb"), 200).path("online").asBoolean()).isTrue();
        JsonNode plus = assertOk(http.get("/api/v1/clients/a+b%20c"), 200);
        assertThat(plus.path("clientId").asText()).isEqualTo("a+b c");
        assertThat(plus.path("online").asBoolean()).isTrue();
        assertThat(assertOk(http.get("/api/v1/clients/%E2%82%AC"), 200).path("clientId").asText()).isEqualTo("€");
        assertError(http.get("/api/v1/clients/bad%C3"), 400, null);   // truncated UTF-8
        // malformed escapes: java.net.http will not send them, so over a raw socket; the JDK server refuses
        // them itself (400, HTML body) before the router sees them
        assertThat(http.rawGetStatusLine("/api/v1/clients/bad%zzescape")).startsWith("HTTP/1.1 400");
        assertThat(http.rawGetStatusLine("/api/v1/clients/x%2")).startsWith("HTTP/1.1 400");
    }

    @Test
    @DisplayName("LMQ-MSG-3: the trace of a message by its ID")
    void traceById() {
        String id = broker.publish("sensors/room1", CLIENT, "GID_demo@@@sub-1", "GID_demo@@@sub-2");
        JsonNode t = assertOk(http.get("/api/v1/messages/" + id + "/trace"), 200);
        assertThat(t.path("messageId").asText()).isEqualTo(id);
        assertThat(t.path("topic").asText()).isEqualTo("sensors/room1");
        assertThat(t.path("qos").asInt()).isEqualTo(1);
        assertThat(t.path("publisherId").asText()).isEqualTo(CLIENT);
        assertThat(t.path("publishTime").asLong()).isEqualTo(broker.clock.nowMillis());
        JsonNode d = t.path("deliveries");
        assertThat(d).hasSize(4);
        assertThat(d.get(0).path("clientId").asText()).isEqualTo("GID_demo@@@sub-1");
        assertThat(d.get(0).path("outcome").asText()).isEqualTo("QUEUED");
        assertThat(d.get(1).path("outcome").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(d.get(1).path("time").asLong()).isEqualTo(broker.clock.nowMillis());

        assertThat(assertOk(http.get("/api/v1/messages/" + id.toUpperCase() + "/trace"), 200).path("messageId").asText())
                .isEqualTo(id);
        assertError(http.get("/api/v1/messages/00000000000000ff/trace"), 404, "LMQ-MSG-3");
        assertError(http.get("/api/v1/messages/xyz/trace"), 400, "LMQ-MSG-3");
        assertError(http.get("/api/v1/messages/0000000000000000/trace"), 400, "LMQ-MSG-3");
    }

    @Test
    void recentTracesFilterByTopicAndPublisher() {
        String m1 = broker.publish("sensors/room1", "GID_demo@@@p1");
        String m2 = broker.publish("sensors/room2", "GID_demo@@@p1");
        String m3 = broker.publish("sensors/room1", "GID_demo@@@p2");

        assertThat(ids(assertOk(http.get("/api/v1/messages"), 200))).isEqualTo(m3 + "," + m2 + "," + m1);
        assertThat(ids(assertOk(http.get("/api/v1/messages?topic=sensors%2Froom1"), 200))).isEqualTo(m3 + "," + m1);
        assertThat(ids(assertOk(http.get("/api/v1/messages?topic=sensors/room1&publisher=GID_demo%40%40%40p1"), 200)))
                .isEqualTo(m1);
        assertThat(ids(assertOk(http.get("/api/v1/messages?publisher=GID_demo@@@p1&limit=1"), 200))).isEqualTo(m2);
        assertThat(ids(assertOk(http.get("/api/v1/messages?topic=nothing/here"), 200))).isEmpty();

        assertError(http.get("/api/v1/messages?limit=0"), 400, null);
        assertError(http.get("/api/v1/messages?limit=10001"), 400, null);
        assertError(http.get("/api/v1/messages?limit=many"), 400, null);
        JsonNode unknown = assertError(http.get("/api/v1/messages?publisherId=x"), 400, null);
        assertThat(unknown.path("error").asText()).isEqualTo("unknown query parameter 'publisherId' (known: limit, publisher, topic)");
        assertError(http.get("/api/v1/messages?topic=a&topic=b"), 400, null);
    }

    private static String ids(JsonNode reply) {
        StringBuilder s = new StringBuilder();
        for (JsonNode t : reply.path("messages")) {
            s.append(s.length() == 0 ? "" : ",").append(t.path("messageId").asText());
        }
        return s.toString();
    }
}
