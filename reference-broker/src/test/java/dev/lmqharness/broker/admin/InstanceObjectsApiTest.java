package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.auth.SignatureAuthenticator;
import dev.lmqharness.broker.rules.GroupIdRules;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.TopicRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.lmqharness.broker.admin.AdminHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admin API: health, instance, Group IDs, parent topics, access keys")
class InstanceObjectsApiTest extends AdminApiTestBase {

    @Test
    void healthAnswersUp() {
        HttpResponse<String> r = http.get("/api/v1/health");
        assertThat(assertOk(r, 200).path("status").asText()).isEqualTo("UP");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void instanceShowsIdProfileAndEveryLimit() {
        admin.registry().createGroup("GID_counted");
        JsonNode i = assertOk(http.get("/api/v1/instance"), 200);
        assertThat(i.path("instanceId").asText()).isEqualTo(INSTANCE);
        assertThat(i.path("profile").asText()).isEqualTo("lmq");
        assertThat(i.path("testMode").asBoolean()).isTrue();
        assertThat(i.path("time").asLong()).isEqualTo(now());
        assertThat(i.path("groups").asInt()).isEqualTo(1);
        JsonNode limits = i.path("limits");
        assertThat(limits.path("maxParentTopics").asInt()).isEqualTo(3);
        assertThat(limits.path("clientIdMaxLength").asInt()).isEqualTo(64);
        assertThat(limits.path("maxPayloadBytes").asInt()).isEqualTo(65_536);
        assertThat(limits.path("offlineRetention").asText()).isEqualTo("PT72H");
        assertThat(limits.path("tokenMinExpireDistance").asText()).isEqualTo("PT1M");
        assertThat(limits.size()).as("every LmqLimits component").isEqualTo(14);
    }

    @Test
    @DisplayName("Create, list, read, refuse duplicates and bad names, delete")
    void groupLifecycle() {
        assertThat(assertOk(http.get("/api/v1/groups"), 200).path("groups")).isEmpty();

        JsonNode created = assertOk(http.post("/api/v1/groups", body("{'groupId': 'GID_demo'}")), 201);
        assertThat(created.path("groupId").asText()).isEqualTo("GID_demo");
        assertThat(admin.registry().groupExists("GID_demo")).isTrue();
        assertOk(http.post("/api/v1/groups", body("{'groupId': 'GID-second'}")), 201);
        assertThat(assertOk(http.get("/api/v1/groups"), 200).path("groups").toString())
                .isEqualTo("[\"GID_demo\",\"GID-second\"]");
        assertThat(assertOk(http.get("/api/v1/groups/GID_demo"), 200).path("groupId").asText()).isEqualTo("GID_demo");

        assertError(http.post("/api/v1/groups", body("{'groupId': 'GID_demo'}")), 409, GroupIdRules.RULE);
        assertError(http.post("/api/v1/groups", body("{'groupId': 'demo'}")), 400, GroupIdRules.RULE);
        assertError(http.post("/api/v1/groups", body("{'groupId': 'GID_has space'}")), 400, GroupIdRules.RULE);
        assertError(http.post("/api/v1/groups", body("{}")), 400, GroupIdRules.RULE);

        assertOk(http.delete("/api/v1/groups/GID_demo"), 204);
        assertThat(admin.registry().groupExists("GID_demo")).isFalse();
        assertError(http.delete("/api/v1/groups/GID_demo"), 404, GroupIdRules.RULE);
        assertError(http.get("/api/v1/groups/GID_demo"), 404, GroupIdRules.RULE);
    }

    @Test
    @DisplayName("Parent topics are unique ignoring case and capped")
    void parentTopicLifecycle() {
        JsonNode created = assertOk(http.post("/api/v1/topics", body("{'topic': 'Sensors'}")), 201);
        assertThat(created.path("topic").asText()).isEqualTo("Sensors");
        assertThat(admin.registry().parentTopicExists("Sensors")).isTrue();

        assertError(http.post("/api/v1/topics", body("{'topic': 'SENSORS'}")), 409, TopicRules.PARENT);
        assertError(http.post("/api/v1/topics", body("{'topic': 'a/b'}")), 400, TopicRules.LEVELS);
        assertError(http.post("/api/v1/topics", body("{'topic': 'ab'}")), 400, TopicRules.LENGTH);
        assertOk(http.post("/api/v1/topics", body("{'topic': 'second'}")), 201);
        assertOk(http.post("/api/v1/topics", body("{'topic': 'third'}")), 201);
        assertError(http.post("/api/v1/topics", body("{'topic': 'fourth'}")), 409, InstanceRegistry.PARENT_TOPIC_CAP);
        assertThat(assertOk(http.get("/api/v1/topics"), 200).path("topics").toString())
                .isEqualTo("[\"Sensors\",\"second\",\"third\"]");

        // lookups and deletes ignore case and answer with the name as created
        assertThat(assertOk(http.get("/api/v1/topics/sensors"), 200).path("topic").asText()).isEqualTo("Sensors");
        assertOk(http.delete("/api/v1/topics/sENSORS"), 204);
        assertThat(admin.registry().listParentTopics()).containsExactly("second", "third");
        assertError(http.delete("/api/v1/topics/Sensors"), 404, TopicRules.PARENT);
        assertError(http.get("/api/v1/topics/Sensors"), 404, TopicRules.PARENT);
    }

    @Test
    @DisplayName("Access keys: secrets go in and never come out")
    void accessKeyLifecycle() {
        JsonNode created = assertOk(http.post("/api/v1/access-keys",
                body("{'accessKey': 'AK_test', 'secretKey': 'very-secret-42'}")), 201);
        assertThat(created.toString()).isEqualTo("{\"accessKey\":\"AK_test\"}");
        assertThat(admin.registry().secretKeyOf("AK_test")).hasValue("very-secret-42");

        HttpResponse<String> list = http.get("/api/v1/access-keys");
        assertThat(assertOk(list, 200).path("accessKeys").toString()).isEqualTo("[\"AK_test\"]");
        assertThat(list.body()).doesNotContain("very-secret-42");
        HttpResponse<String> one = http.get("/api/v1/access-keys/AK_test");
        assertThat(assertOk(one, 200).path("accessKey").asText()).isEqualTo("AK_test");
        assertThat(one.body()).doesNotContain("very-secret-42");

        assertError(http.post("/api/v1/access-keys", body("{'accessKey': 'AK_test', 'secretKey': 'other'}")), 409, SignatureAuthenticator.RULE);
        assertThat(admin.registry().secretKeyOf("AK_test")).as("a refused duplicate changes nothing").hasValue("very-secret-42");
        assertError(http.post("/api/v1/access-keys", body("{'accessKey': 'AK_new', 'secretKey': ''}")), 400, SignatureAuthenticator.RULE);
        assertError(http.post("/api/v1/access-keys", body("{'accessKey': 'AK_new'}")), 400, SignatureAuthenticator.RULE);
        assertError(http.post("/api/v1/access-keys", body("{'accessKey': 'AK|x', 'secretKey': 's'}")), 400, SignatureAuthenticator.RULE);
        assertThat(admin.registry().listAccessKeys()).containsExactly("AK_test");

        assertOk(http.delete("/api/v1/access-keys/AK_test"), 204);
        assertThat(admin.registry().accessKeyExists("AK_test")).isFalse();
        assertError(http.delete("/api/v1/access-keys/AK_test"), 404, SignatureAuthenticator.RULE);
        assertError(http.get("/api/v1/access-keys/AK_test"), 404, SignatureAuthenticator.RULE);
    }
}
