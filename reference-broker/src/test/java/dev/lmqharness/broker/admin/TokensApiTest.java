package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.broker.auth.TokenService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.lmqharness.broker.admin.AdminHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admin API: ApplyToken, QueryToken, RevokeToken")
class TokensApiTest extends AdminApiTestBase {


    private long inFuture(Duration d) {
        return now() + d.toMillis();
    }

    private String apply(String resources, String actions, long expireTime) {
        JsonNode r = assertOk(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': '%s', 'actions': '%s', 'expireTime': %d}")
                .formatted(INSTANCE, resources, actions, expireTime)), 200);
        return r.path("token").asText();
    }

    private JsonNode query(String token) {
        return assertOk(http.post("/api/v1/tokens/query",
                body("{'instanceId': '%s', 'token': '%s'}").formatted(INSTANCE, token)), 200);
    }

    @Test
    void applyQueryRevoke() {
        long expire = inFuture(Duration.ofHours(1));
        JsonNode applied = assertOk(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': 'sensors/+/temp, sensors/#', 'actions': 'R,W', 'expireTime': %d}")
                .formatted(INSTANCE, expire)), 200);
        String token = applied.path("token").asText();
        assertThat(token).isNotBlank();
        assertThat(applied.path("expireTime").asLong()).isEqualTo(expire);
        assertThat(applied.path("capped").asBoolean()).isFalse();
        assertThat(admin.tokens().find(INSTANCE, token)).isPresent();

        JsonNode q = query(token);
        assertThat(q.path("valid").asBoolean()).isTrue();
        assertThat(q.path("status").asText()).isEqualTo("VALID");
        assertThat(q.path("resources").toString()).isEqualTo("[\"sensors/+/temp\",\"sensors/#\"]");
        assertThat(q.path("actions").asText()).isEqualTo("R,W");
        assertThat(q.path("issuedAt").asLong()).isEqualTo(now());
        assertThat(q.path("expireTime").asLong()).isEqualTo(expire);

        JsonNode revoked = assertOk(http.post("/api/v1/tokens/revoke",
                body("{'instanceId': '%s', 'token': '%s'}").formatted(INSTANCE, token)), 200);
        assertThat(revoked.path("revoked").asBoolean()).isTrue();
        assertThat(endedTokens).containsExactly(new EndedToken(token, TokenListener.Reason.REVOKED));
        JsonNode after = query(token);
        assertThat(after.path("valid").asBoolean()).isFalse();
        assertThat(after.path("status").asText()).isEqualTo("REVOKED");

        JsonNode again = assertError(http.post("/api/v1/tokens/revoke",
                body("{'instanceId': '%s', 'token': '%s'}").formatted(INSTANCE, token)), 409, TokenService.RULE_API);
        assertThat(again.path("code").asText()).isEqualTo("Token.Revoked");
    }

    @Test
    void unknownTokenIsInvalidOnQueryAndNotFoundOnRevoke() {
        JsonNode q = query("no-such-token");
        assertThat(q.toString()).isEqualTo("{\"valid\":false,\"status\":\"UNKNOWN\"}");
        JsonNode e = assertError(http.post("/api/v1/tokens/revoke",
                body("{'instanceId': '%s', 'token': 'no-such-token'}").formatted(INSTANCE)), 404, TokenService.RULE_API);
        assertThat(e.path("code").asText()).isEqualTo("Token.NotFound");
        // a token of this instance asked for under another instance ID is unknown there
        String token = apply("a/b", "R", inFuture(Duration.ofHours(1)));
        JsonNode other = assertOk(http.post("/api/v1/tokens/query",
                body("{'instanceId': 'other-instance', 'token': '%s'}").formatted(token)), 200);
        assertThat(other.path("valid").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("An ExpireTime less than 60 s away is refused")
    void expireTimeTooCloseIsRefused() {
        JsonNode e = assertError(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': 'a/b', 'actions': 'W', 'expireTime': %d}")
                .formatted(INSTANCE, inFuture(Duration.ofSeconds(59)))), 400, TokenService.RULE_API);
        assertThat(e.path("code").asText()).isEqualTo("InvalidParameter.ExpireTime");
        assertThat(admin.tokens().size()).isZero();
        // exactly 60 s away is accepted
        assertThat(apply("a/b", "W", inFuture(Duration.ofSeconds(60)))).isNotBlank();
    }

    @Test
    @DisplayName("More than 30 days succeeds, capped to 30 days")
    void expireTimeBeyondThirtyDaysIsCapped() {
        JsonNode r = assertOk(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': 'a/b', 'actions': 'R', 'expireTime': %d}")
                .formatted(INSTANCE, inFuture(Duration.ofDays(45)))), 200);
        assertThat(r.path("capped").asBoolean()).isTrue();
        assertThat(r.path("expireTime").asLong()).isEqualTo(inFuture(Duration.ofDays(30)));
    }

    @Test
    void badParametersAreRefusedWithThePublicErrorCodes() {
        long ok = inFuture(Duration.ofHours(1));
        String tpl = "{'instanceId': '%s', 'resources': '%s', 'actions': '%s', 'expireTime': %d}";
        assertThat(assertError(http.post("/api/v1/tokens/apply", body(tpl).formatted(INSTANCE, "a/b", "RW", ok)), 400,
                TokenService.RULE_API).path("code").asText()).isEqualTo("InvalidParameter.Actions");
        assertThat(assertError(http.post("/api/v1/tokens/apply", body(tpl).formatted("other", "a/b", "R", ok)), 400,
                TokenService.RULE_API).path("code").asText()).isEqualTo("InvalidParameter.InstanceId");
        assertThat(assertError(http.post("/api/v1/tokens/apply", body(tpl).formatted(INSTANCE, "a/#/b", "R", ok)), 400,
                TokenService.RULE_API).path("code").asText()).isEqualTo("InvalidParameter.Resources");
        String tooMany = String.join(",", java.util.Collections.nCopies(101, "a/b"));
        assertThat(assertError(http.post("/api/v1/tokens/apply", body(tpl).formatted(INSTANCE, tooMany, "R", ok)), 400,
                TokenService.RULE_API).path("code").asText()).isEqualTo("InvalidParameter.Resources");

        assertError(http.post("/api/v1/tokens/apply", body("{'instanceId': '%s', 'resources': 'a/b', 'actions': 'R'}")
                .formatted(INSTANCE)), 400, TokenService.RULE_API);
        assertError(http.post("/api/v1/tokens/apply", body("{'instanceId': '%s', 'actions': 'R', 'expireTime': %d}")
                .formatted(INSTANCE, ok)), 400, TokenService.RULE_API);
        assertThat(assertError(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': 'a/b', 'actions': 'R', 'expireTime': 'tomorrow'}").formatted(INSTANCE)),
                400, null).path("error").asText()).isEqualTo("field 'expireTime': expected a whole number");
        assertError(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': 'a/b', 'actions': 'R', 'expireTime': 1.5}").formatted(INSTANCE)), 400, null);
        assertError(http.post("/api/v1/tokens/query", body("{'instanceId': '%s'}").formatted(INSTANCE)), 400, TokenService.RULE_API);
        assertError(http.post("/api/v1/tokens/revoke", body("{'token': 'x'}")), 400, TokenService.RULE_API);
        assertThat(admin.tokens().size()).isZero();
    }

    @Test
    void resourcesMayBeAnArrayAndThePublicSpellingIsAccepted() {
        JsonNode r = assertOk(http.post("/api/v1/tokens/apply", body(
                "{'InstanceId': '%s', 'Resources': ['x/1', 'x/2'], 'Actions': 'W', 'ExpireTime': %d}")
                .formatted(INSTANCE, inFuture(Duration.ofHours(2)))), 200);
        String token = r.path("token").asText();
        assertThat(admin.tokens().find(INSTANCE, token).orElseThrow().resources()).containsExactly("x/1", "x/2");
        assertThat(assertOk(http.post("/api/v1/tokens/query", body("{'InstanceId': '%s', 'Token': '%s'}")
                .formatted(INSTANCE, token)), 200).path("valid").asBoolean()).isTrue();
        assertError(http.post("/api/v1/tokens/apply", body(
                "{'instanceId': '%s', 'resources': [1], 'actions': 'W', 'expireTime': %d}")
                .formatted(INSTANCE, inFuture(Duration.ofHours(2)))), 400, TokenService.RULE_API);
    }
}
