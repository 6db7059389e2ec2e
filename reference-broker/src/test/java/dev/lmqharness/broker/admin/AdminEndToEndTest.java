package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.AdminConfig;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.lmqharness.broker.admin.AdminApiTestBase.assertError;
import static dev.lmqharness.broker.admin.AdminApiTestBase.assertOk;
import static dev.lmqharness.broker.admin.AdminHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The admin API over a running {@link ReferenceBroker} (profile lmq, test clock) and real MQTT
 * clients: online status and closing a connection, traces of a real publish, tokens that a real
 * client connects with and loses when they are revoked or the test clock passes their expiry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("Admin API end to end: a real broker and real MQTT clients")
class AdminEndToEndTest {

    private static final String INSTANCE = "e2e-instance";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ReferenceBroker broker;
    private AdminServer admin;
    private AdminHttp http;
    private final List<Mqtt3BlockingClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        LmqConfig lmq = LmqConfig.defaults().withInstanceId(INSTANCE)
                .withGroups(List.of("GID_e2e")).withParentTopics(List.of("e2etopic"))
                .withAccessKeys(Map.of("AK_e2e", "SK_e2e")).withAnonymousAllowed(true);
        broker = ReferenceBroker.builder().tcpPort(0).inMemory().profile(Profile.LMQ).lmq(lmq).testMode()
                .build().start();
        // the broker's own BrokerAdmin behind an admin server on an ephemeral port
        admin = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, true), broker.admin().orElseThrow()).start();
        http = new AdminHttp(admin.port());
    }

    @AfterEach
    void stop() {
        for (Mqtt3BlockingClient c : clients) {
            if (c.getState().isConnected()) {
                c.disconnect();
            }
        }
        admin.stop();
        broker.stop();
    }

    private Mqtt3BlockingClient connect(String clientId, boolean cleanSession, AtomicBoolean disconnected,
                                        String username, String password) {
        var builder = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(broker.port(Transport.TCP));
        if (disconnected != null) {
            builder = builder.addDisconnectedListener(ctx -> disconnected.set(true));
        }
        if (username != null) {
            builder = builder.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        Mqtt3BlockingClient c = builder.buildBlocking();
        clients.add(c);
        c.connectWith().cleanSession(cleanSession).send();
        return c;
    }

    private JsonNode status(String clientId) {
        return assertOk(http.get("/api/v1/clients/" + clientId.replace("@", "%40")), 200);
    }

    @Test
    @DisplayName("LMQ-EVT-2: a real client's online status, and closing its connection through the API")
    void onlineStatusAndClose() {
        String id = "GID_e2e@@@device-1";
        assertThat(status(id).path("online").asBoolean()).isFalse();

        AtomicBoolean dropped = new AtomicBoolean();
        Mqtt3BlockingClient device = connect(id, false, dropped, null, null);
        device.subscribeWith().topicFilter("e2etopic/#").qos(MqttQos.AT_LEAST_ONCE).send();

        JsonNode online = status(id);
        assertThat(online.path("online").asBoolean()).isTrue();
        assertThat(online.path("channelId").asText()).isNotBlank();
        assertThat(online.path("clientIp").asText()).contains("127.0.0.1");
        assertThat(online.path("persistent").asBoolean()).isTrue();
        assertThat(online.path("subscriptions").toString()).isEqualTo("[\"e2etopic/#\"]");

        assertOk(http.delete("/api/v1/clients/GID_e2e%40%40%40device-1/connection"), 204);
        await().atMost(WAIT).untilTrue(dropped);
        await().atMost(WAIT).until(() -> !status(id).path("online").asBoolean());
        JsonNode offline = status(id);
        assertThat(offline.path("sessionPresent").asBoolean()).as("cleanSession=false keeps the session").isTrue();
        assertThat(offline.path("channelId").isNull()).isTrue();
        assertError(http.delete("/api/v1/clients/GID_e2e%40%40%40device-1/connection"), 404, "LMQ-EVT-2");
    }

    @Test
    @DisplayName("LMQ-MSG-3: the trace of a real publish")
    void traceOfARealPublish() {
        Mqtt3BlockingClient sub = connect("GID_e2e@@@sub-1", true, null, null, null);
        sub.subscribeWith().topicFilter("e2etopic/+").qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt3BlockingClient pub = connect("GID_e2e@@@pub-1", true, null, null, null);
        double publishedBefore = publishedTotal();
        pub.publishWith().topic("e2etopic/room1").qos(MqttQos.AT_LEAST_ONCE)
                .payload("hello".getBytes(StandardCharsets.UTF_8)).send();

        JsonNode recent = assertOk(http.get("/api/v1/messages?publisher=GID_e2e%40%40%40pub-1"), 200).path("messages");
        assertThat(recent).hasSize(1);
        String messageId = recent.get(0).path("messageId").asText();
        assertThat(recent.get(0).path("topic").asText()).isEqualTo("e2etopic/room1");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode trace = assertOk(http.get("/api/v1/messages/" + messageId + "/trace"), 200);
            assertThat(trace.path("deliveries").toString())
                    .contains("\"clientId\":\"GID_e2e@@@sub-1\"").contains("ACKNOWLEDGED");
        });
        // status events count as published messages too, so compare before and after
        await().atMost(WAIT).until(() -> publishedTotal() >= publishedBefore + 1);
    }

    private double publishedTotal() {
        String line = http.get("/metrics").body().lines()
                .filter(l -> l.startsWith("lmq_messages_published_total ")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
    }

    @Test
    @DisplayName("LMQ-GID-1: a group created through the API admits its clients")
    void groupCreatedThroughTheApi() {
        assertThatThrownBy(() -> connect("GID_later@@@d1", true, null, null, null))
                .isInstanceOf(Mqtt3ConnAckException.class);
        assertOk(http.post("/api/v1/groups", body("{'groupId': 'GID_later'}")), 201);
        assertThat(connect("GID_later@@@d2", true, null, null, null).getState().isConnected()).isTrue();
        assertThat(assertOk(http.get("/api/v1/instance"), 200).path("groups").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("LMQ-AUTH-2, LMQ-TOKEN-1/2: a token applied through the API admits a client; revoke and expiry end it")
    void tokensEndConnections() {
        long now = assertOk(http.get("/api/v1/test/clock"), 200).path("now").asLong();
        String apply = "{'instanceId': '%s', 'resources': 'e2etopic/#', 'actions': 'R,W', 'expireTime': %d}";

        String token = assertOk(http.post("/api/v1/tokens/apply", body(apply).formatted(INSTANCE, now + 3_600_000)), 200)
                .path("token").asText();
        AtomicBoolean revokedDropped = new AtomicBoolean();
        connect("GID_e2e@@@tok-1", true, revokedDropped, "Token|AK_e2e|" + INSTANCE, "RW|" + token);
        assertOk(http.post("/api/v1/tokens/revoke", body("{'instanceId': '%s', 'token': '%s'}").formatted(INSTANCE, token)), 200);
        await().atMost(WAIT).untilTrue(revokedDropped);
        assertThat(assertOk(http.post("/api/v1/tokens/query", body("{'instanceId': '%s', 'token': '%s'}")
                .formatted(INSTANCE, token)), 200).path("status").asText()).isEqualTo("REVOKED");

        String shortLived = assertOk(http.post("/api/v1/tokens/apply", body(apply).formatted(INSTANCE, now + 120_000)), 200)
                .path("token").asText();
        AtomicBoolean expiredDropped = new AtomicBoolean();
        connect("GID_e2e@@@tok-2", true, expiredDropped, "Token|AK_e2e|" + INSTANCE, "RW|" + shortLived);
        assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 120000}")), 200);
        await().atMost(WAIT).untilTrue(expiredDropped);
        assertThatThrownBy(() -> connect("GID_e2e@@@tok-3", true, null, "Token|AK_e2e|" + INSTANCE, "RW|" + shortLived))
                .isInstanceOf(Mqtt3ConnAckException.class);
    }
}
