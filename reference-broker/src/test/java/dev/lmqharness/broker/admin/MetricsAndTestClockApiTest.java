package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.kit.client.AppClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.lmqharness.broker.admin.AdminHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Admin API: Prometheus metrics and the test-mode clock")
class MetricsAndTestClockApiTest extends AdminApiTestBase {

    @Test
    void metricsArePrometheusText() {
        admin.registry().createGroup("GID_metrics");
        admin.registry().createParentTopic("metrics");
        AppClient p = connect("GID_metrics@@@p", true);
        p.publish("metrics/a", new byte[] {1}, 1, false);
        p.publish("metrics/a", new byte[] {2}, 1, false);
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE lmq_messages_published_total counter")
                .contains("lmq_messages_published_total 2.0");
        assertError(http.get("/api/v1/metrics"), 404, null); // only at the root
    }

    @Test
    void clockCanBeReadAndAdvancedInTestMode() {
        long start = now();
        JsonNode now = assertOk(http.get("/api/v1/test/clock"), 200);
        assertThat(now.path("now").asLong()).isEqualTo(start);
        assertThat(now.path("iso").asText()).isEqualTo(java.time.Instant.ofEpochMilli(start).toString());

        JsonNode advanced = assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 259200000}")), 200);
        assertThat(advanced.path("now").asLong()).isEqualTo(start + Duration.ofDays(3).toMillis());
        assertThat(now()).isEqualTo(start + Duration.ofDays(3).toMillis());
    }

    @Test
    @DisplayName("Advancing past a token's expiry ends it at once (sweep after advance)")
    void advancingExpiresTokens() {
        String token = admin.tokens().applyToken(INSTANCE, "a/b", "R",
                now() + 120_000).token();
        assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 119999}")), 200);
        assertThat(endedTokens).isEmpty();
        assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 1}")), 200);
        assertThat(endedTokens).containsExactly(new EndedToken(token, TokenListener.Reason.EXPIRED));
        JsonNode q = assertOk(http.post("/api/v1/tokens/query", body("{'instanceId': '%s', 'token': '%s'}")
                .formatted(INSTANCE, token)), 200);
        assertThat(q.path("valid").asBoolean()).isFalse();
    }

    @Test
    void badAdvancesAreRefusedAndMoveNothing() {
        long start = now();
        assertError(http.post("/api/v1/test/clock/advance", body("{'millis': -1}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{'millis': 1.5}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{'millis': " + Long.MAX_VALUE + "}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{'seconds': 5}")), 400, null);
        assertThat(now()).isEqualTo(start);
    }

    @Test
    @DisplayName("Without test mode the clock endpoints answer 404")
    void clockEndpointsAreGoneWithoutTestMode() {
        try (ReferenceBroker production = ReferenceBroker.builder().adminPort(0).build().start()) {
            AdminHttp client = new AdminHttp(production.adminPort(), production.adminToken().orElseThrow());
            assertThat(assertError(client.get("/api/v1/test/clock"), 404, null).path("error").asText())
                    .contains("test mode is off");
            assertError(client.post("/api/v1/test/clock/advance", body("{'millis': 1000}")), 404, null);
            assertThat(assertOk(client.get("/api/v1/instance"), 200).path("testMode").asBoolean()).isFalse();
            assertThat(production.admin().orElseThrow().testClock()).isEmpty();
        }
    }
}
