package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.kit.client.AppClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("Admin API: client status, closing a connection, message traces")
class ClientsAndTracesApiTest extends AdminApiTestBase {

    private static final String CLIENT = "GID_demo@@@device-1";
    private static final String ENCODED = "GID_demo%40%40%40device-1";

    @Override
    LmqConfig lmq() {
        return super.lmq().withGroups(List.of("GID_demo")).withParentTopics(List.of("sensors"));
    }

    private JsonNode status(String encodedClientId) {
        return assertOk(http.get("/api/v1/clients/" + encodedClientId), 200);
    }

    @Test
    @DisplayName("Online status by client ID, URL-encoded or not")
    void onlineStatus() {
        JsonNode offline = status(ENCODED);
        assertThat(offline.path("clientId").asText()).isEqualTo(CLIENT);
        assertThat(offline.path("online").asBoolean()).isFalse();
        assertThat(offline.path("channelId").isNull()).isTrue();

        AppClient device = connect(CLIENT, false);
        device.subscribe("sensors/#", 1);
        JsonNode online = status(ENCODED);
        assertThat(online.path("online").asBoolean()).isTrue();
        assertThat(online.path("channelId").asText()).isNotBlank();
        assertThat(online.path("clientIp").asText()).contains("127.0.0.1");
        assertThat(online.path("persistent").asBoolean()).isTrue();
        assertThat(online.path("subscriptions").toString()).isEqualTo("[\"sensors/#\"]");
        assertThat(online.has("sessionPresent") && online.has("queuedMessages")).isTrue();
        // '@' is legal unencoded in a path segment
        assertThat(status(CLIENT).path("online").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("Closing a connection ends it as a kick would; 404 when not connected")
    void closeConnection() {
        AppClient first = connect(CLIENT, false);
        String firstChannel = status(ENCODED).path("channelId").asText();
        AppClient second = connect(CLIENT, false); // collision kick: the first is gone
        assertThat(first.awaitConnectionLost(WAIT)).isTrue();
        assertThat(status(ENCODED).path("channelId").asText()).isNotBlank().isNotEqualTo(firstChannel);

        assertOk(http.delete("/api/v1/clients/" + ENCODED + "/connection"), 204);
        assertThat(second.awaitConnectionLost(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> !status(ENCODED).path("online").asBoolean());
        JsonNode offline = status(ENCODED);
        assertThat(offline.path("sessionPresent").asBoolean()).as("cleanSession=false keeps the session").isTrue();
        assertThat(offline.path("channelId").isNull()).isTrue();

        assertError(http.delete("/api/v1/clients/" + ENCODED + "/connection"), 404, ClientsResource.RULE);
        assertError(http.delete("/api/v1/clients/GID_demo@@@never/connection"), 404, ClientsResource.RULE);
    }

    @Test
    void clientIdsDecodePerSegment() {
        // %2F stays inside the segment, '+' stays a plus, %20 is a space (plain MQTT client IDs may hold them)
        assertThat(status("a%2Fb").path("clientId").asText()).isEqualTo("a/b");
        assertThat(status("a+b%20c").path("clientId").asText()).isEqualTo("a+b c");
        assertThat(status("%E2%82%AC").path("clientId").asText()).isEqualTo("€");
        assertError(http.get("/api/v1/clients/bad%C3"), 400, null);   // truncated UTF-8
        // malformed escapes: java.net.http will not send them, so over a raw socket; the JDK server refuses
        // them itself (400, HTML body) before the router sees them
        assertThat(http.rawGetStatusLine("/api/v1/clients/bad%zzescape")).startsWith("HTTP/1.1 400");
        assertThat(http.rawGetStatusLine("/api/v1/clients/x%2")).startsWith("HTTP/1.1 400");
    }

    /** Publishes one QoS1 message and @return its ID, read back from the recent traces. */
    private String publish(AppClient publisher, String topic) {
        publisher.publish(topic, "m".getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode recent = assertOk(http.get("/api/v1/messages?limit=1"), 200).path("messages");
        assertThat(recent.get(0).path("topic").asText()).isEqualTo(topic);
        return recent.get(0).path("messageId").asText();
    }

    @Test
    @DisplayName("The trace of a message by its ID")
    void traceById() {
        AppClient sub1 = connect("GID_demo@@@sub-1", true);
        AppClient sub2 = connect("GID_demo@@@sub-2", true);
        sub1.subscribe("sensors/+", 1);
        sub2.subscribe("sensors/+", 1);
        String id = publish(connect(CLIENT, true), "sensors/room1");

        JsonNode t = assertOk(http.get("/api/v1/messages/" + id + "/trace"), 200);
        assertThat(t.path("messageId").asText()).isEqualTo(id);
        assertThat(t.path("topic").asText()).isEqualTo("sensors/room1");
        assertThat(t.path("qos").asInt()).isEqualTo(1);
        assertThat(t.path("publisherId").asText()).isEqualTo(CLIENT);
        assertThat(t.path("publishTime").asLong()).isEqualTo(now());
        await().atMost(WAIT).untilAsserted(() -> {
            String deliveries = assertOk(http.get("/api/v1/messages/" + id + "/trace"), 200).path("deliveries").toString();
            for (String sub : List.of("GID_demo@@@sub-1", "GID_demo@@@sub-2")) {
                assertThat(deliveries).contains("{\"clientId\":\"" + sub + "\",\"outcome\":\"QUEUED\",\"time\":" + now() + "}")
                        .contains("{\"clientId\":\"" + sub + "\",\"outcome\":\"ACKNOWLEDGED\",\"time\":" + now() + "}");
            }
        });

        assertThat(assertOk(http.get("/api/v1/messages/" + id.toUpperCase() + "/trace"), 200).path("messageId").asText())
                .isEqualTo(id);
        assertError(http.get("/api/v1/messages/00000000000000ff/trace"), 404, MessagesResource.RULE);
        assertError(http.get("/api/v1/messages/xyz/trace"), 400, MessagesResource.RULE);
        assertError(http.get("/api/v1/messages/0000000000000000/trace"), 400, MessagesResource.RULE);
    }

    @Test
    void recentTracesFilterByTopicAndPublisher() {
        AppClient p1 = connect("GID_demo@@@p1", true);
        AppClient p2 = connect("GID_demo@@@p2", true);
        String m1 = publish(p1, "sensors/room1");
        String m2 = publish(p1, "sensors/room2");
        String m3 = publish(p2, "sensors/room1");

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
