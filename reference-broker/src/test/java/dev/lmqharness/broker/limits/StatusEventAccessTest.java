package dev.lmqharness.broker.limits;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client status events carry other clients' IDs and addresses, so only clients the
 * operator names (a monitoring group, an access key) or whose token grants R on the status topic
 * may read them; any other SUBSCRIBE to the status topic gets 0x80. LMQ profile, anonymous off.
 */
@Timeout(60)
@DisplayName("Status events are readable only by permitted clients")
class StatusEventAccessTest {

    static final String INSTANCE = "lmq-evt";
    static final String STATUS = LmqConfig.DEFAULT_STATUS_TOPIC;

    private static final String INSTANCE_YAML = """
            profile: lmq
            lmq:
              instance-id: lmq-evt
              groups: [GID_dev, GID_mon]
              parent-topics: [evt]
              access-keys: {AK_dev: SK_dev, AK_mon: SK_mon}
              allow-anonymous: false
            """;

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

    private RawMqttClient connect(String clientId, UserPass creds) {
        RawMqttClient c = KitClients.raw(EmbeddedBroker.tcpPort(broker), clientId);
        opened.add(c);
        c.connectAccepted(new ConnectSpec(clientId, true, 60, creds, null), TIMEOUT);
        return c;
    }

    private static UserPass signature(String accessKey, String secretKey, String clientId) {
        return UserPass.of("Signature|" + accessKey + "|" + INSTANCE, Credentials.Signature.sign(secretKey, clientId));
    }

    private UserPass token(String accessKey, String password) {
        return UserPass.of("Token|" + accessKey + "|" + INSTANCE, password);
    }

    private String applyToken(String resources, String actions) {
        return broker.admin().orElseThrow().tokens()
                .applyToken(INSTANCE, resources, actions, System.currentTimeMillis() + Duration.ofHours(1).toMillis())
                .token();
    }

    /** Another client comes and goes: two status events for anyone allowed to read them. */
    private String someoneConnectsAndLeaves() {
        String id = "GID_dev@@@other";
        connect(id, signature("AK_dev", "SK_dev", id)).disconnect();
        return id;
    }

    private void assertRefusedAndDeaf(RawMqttClient watcher) {
        assertThat(watcher.subscribe(STATUS, 1, TIMEOUT)).as("SUBACK for the status topic").containsExactly(0x80);
        someoneConnectsAndLeaves();
        watcher.expectNoPacket(Duration.ofSeconds(2), "a client refused the status topic must receive no status event");
    }

    private static void assertReceivesEventsOf(RawMqttClient watcher, String clientId) {
        MqttPublishMessage p = watcher.expectPublish(TIMEOUT);
        String json = new String(RawMqttClient.payloadOf(p), StandardCharsets.UTF_8);
        assertThat(p.variableHeader().topicName()).isEqualTo(STATUS);
        assertThat(json).contains("\"clientId\":\"" + clientId + "\"").contains("\"eventType\":\"connect\"");
    }

    @Test
    @DisplayName("A token granting only W is refused the status topic (0x80) and receives nothing")
    void writeOnlyTokenIsRefused() {
        broker = EmbeddedBroker.fromYaml(INSTANCE_YAML);
        String t = applyToken("evt/#", "W");
        RawMqttClient watcher = connect("GID_dev@@@w-only", token("AK_dev", "W|" + t));
        assertRefusedAndDeaf(watcher);
    }

    @Test
    @DisplayName("A token granting R on another topic is refused the status topic (0x80) and receives nothing")
    void readOnOtherTopicTokenIsRefused() {
        broker = EmbeddedBroker.fromYaml(INSTANCE_YAML);
        String t = applyToken("evt/data/#", "R");
        RawMqttClient watcher = connect("GID_dev@@@r-other", token("AK_dev", "R|" + t));
        assertRefusedAndDeaf(watcher);
    }

    @Test
    @DisplayName("A signature client outside the configured readers is refused the status topic")
    void signatureClientNotConfiguredIsRefused() {
        broker = EmbeddedBroker.fromYaml(INSTANCE_YAML + "  status-reader-groups: [GID_mon]\n");
        String id = "GID_dev@@@sig";
        RawMqttClient watcher = connect(id, signature("AK_dev", "SK_dev", id));
        assertRefusedAndDeaf(watcher);
    }

    @Test
    @DisplayName("A client of the configured monitoring group receives the events")
    void configuredReaderGroupReceivesEvents() {
        broker = EmbeddedBroker.fromYaml(INSTANCE_YAML + "  status-reader-groups: [GID_mon]\n");
        String id = "GID_mon@@@watch";
        RawMqttClient watcher = connect(id, signature("AK_dev", "SK_dev", id));
        assertThat(watcher.subscribe(STATUS, 1, TIMEOUT)).containsExactly(1);
        assertReceivesEventsOf(watcher, someoneConnectsAndLeaves());
    }

    @Test
    @DisplayName("A client signing with a configured reader access key receives the events")
    void configuredReaderAccessKeyReceivesEvents() {
        broker = EmbeddedBroker.fromYaml(INSTANCE_YAML + "  status-reader-access-keys: [AK_mon]\n");
        String id = "GID_dev@@@watch";
        RawMqttClient watcher = connect(id, signature("AK_mon", "SK_mon", id));
        assertThat(watcher.subscribe(STATUS, 1, TIMEOUT)).containsExactly(1);
        assertReceivesEventsOf(watcher, someoneConnectsAndLeaves());
    }

    @Test
    @DisplayName("A token granting R on the status topic receives the events")
    void tokenWithReadOnStatusTopicReceivesEvents() {
        broker = EmbeddedBroker.fromYaml(INSTANCE_YAML);
        String t = applyToken(STATUS, "R");
        RawMqttClient watcher = connect("GID_dev@@@r-status", token("AK_dev", "R|" + t));
        assertThat(watcher.subscribe(STATUS, 1, TIMEOUT)).containsExactly(1);
        assertReceivesEventsOf(watcher, someoneConnectsAndLeaves());
    }
}
