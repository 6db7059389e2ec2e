package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppConnectOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.lmqharness.broker.admin.AdminHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance objects and tokens made through the admin API take effect for real MQTT clients: a
 * group admits its clients, a token admits a client and its revocation or expiry (on the test
 * clock) disconnects it.
 */
@DisplayName("Admin API end to end: objects and tokens made through the API act on real clients")
class AdminEndToEndTest extends AdminApiTestBase {

    private static final String TOKEN_USER = "Token|AK_e2e|" + INSTANCE;

    @Override
    LmqConfig lmq() {
        return super.lmq().withGroups(List.of("GID_e2e")).withParentTopics(List.of("e2etopic"))
                .withAccessKeys(Map.of("AK_e2e", "SK_e2e"));
    }

    private boolean accepted(String clientId, UserPass credentials) {
        return client(clientId).connect(new AppConnectOptions(true, 60, credentials, null)).accepted();
    }

    @Test
    @DisplayName("A group created through the API admits its clients")
    void groupCreatedThroughTheApi() {
        assertThat(accepted("GID_later@@@d1", UserPass.NONE)).isFalse();
        assertOk(http.post("/api/v1/groups", body("{'groupId': 'GID_later'}")), 201);
        assertThat(accepted("GID_later@@@d2", UserPass.NONE)).isTrue();
        assertThat(assertOk(http.get("/api/v1/instance"), 200).path("groups").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("A token applied through the API admits a client; revoke and expiry end its connection")
    void tokensEndConnections() {
        String apply = "{'instanceId': '%s', 'resources': 'e2etopic/#', 'actions': 'R,W', 'expireTime': %d}";

        String token = assertOk(http.post("/api/v1/tokens/apply", body(apply).formatted(INSTANCE, now() + 3_600_000)), 200)
                .path("token").asText();
        AppClient revoked = connect("GID_e2e@@@tok-1", true, UserPass.of(TOKEN_USER, "RW|" + token));
        assertOk(http.post("/api/v1/tokens/revoke", body("{'instanceId': '%s', 'token': '%s'}").formatted(INSTANCE, token)), 200);
        assertThat(revoked.awaitConnectionLost(WAIT)).isTrue();
        assertThat(assertOk(http.post("/api/v1/tokens/query", body("{'instanceId': '%s', 'token': '%s'}")
                .formatted(INSTANCE, token)), 200).path("status").asText()).isEqualTo("REVOKED");

        String shortLived = assertOk(http.post("/api/v1/tokens/apply", body(apply).formatted(INSTANCE, now() + 120_000)), 200)
                .path("token").asText();
        AppClient expired = connect("GID_e2e@@@tok-2", true, UserPass.of(TOKEN_USER, "RW|" + shortLived));
        assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 120000}")), 200);
        assertThat(expired.awaitConnectionLost(WAIT)).isTrue();
        assertThat(accepted("GID_e2e@@@tok-3", UserPass.of(TOKEN_USER, "RW|" + shortLived))).isFalse();
    }
}
