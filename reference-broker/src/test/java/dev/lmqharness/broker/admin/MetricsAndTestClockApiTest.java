package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.broker.config.AdminConfig;
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
        broker.publish("a/b", "p");
        broker.publish("a/b", "p");
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE lmq_messages_published_total counter")
                .contains("lmq_messages_published_total 2.0");
        assertError(http.get("/api/v1/metrics"), 404, null); // only at the root
    }

    @Test
    void scrapeFailureIsAJson500AndTheServerKeepsServing() {
        broker.scrapeFailure = new IllegalStateException("registry closed");
        HttpResponse<String> r = http.get("/metrics");
        JsonNode e = assertError(r, 500, null);
        assertThat(e.path("error").asText()).contains("registry closed");
        broker.scrapeFailure = null;
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void clockCanBeReadAndAdvancedInTestMode() {
        long start = broker.clock.nowMillis();
        JsonNode now = assertOk(http.get("/api/v1/test/clock"), 200);
        assertThat(now.path("now").asLong()).isEqualTo(start);
        assertThat(now.path("iso").asText()).isEqualTo(java.time.Instant.ofEpochMilli(start).toString());

        JsonNode advanced = assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 259200000}")), 200);
        assertThat(advanced.path("now").asLong()).isEqualTo(start + Duration.ofDays(3).toMillis());
        assertThat(broker.clock.nowMillis()).isEqualTo(start + Duration.ofDays(3).toMillis());
        assertThat(broker.sweeps.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("LMQ-TOKEN-1: advancing past a token's expiry ends it at once (sweep after advance)")
    void advancingExpiresTokens() {
        String token = broker.tokens.applyToken(RuleBackedBrokerAdmin.INSTANCE, "a/b", "R",
                broker.clock.nowMillis() + 120_000).token();
        assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 119999}")), 200);
        assertThat(broker.endedTokens).isEmpty();
        assertOk(http.post("/api/v1/test/clock/advance", body("{'millis': 1}")), 200);
        assertThat(broker.endedTokens).containsExactly(new RuleBackedBrokerAdmin.EndedToken(token, TokenListener.Reason.EXPIRED));
        JsonNode q = assertOk(http.post("/api/v1/tokens/query", body("{'instanceId': '%s', 'token': '%s'}")
                .formatted(RuleBackedBrokerAdmin.INSTANCE, token)), 200);
        assertThat(q.path("valid").asBoolean()).isFalse();
    }

    @Test
    void badAdvancesAreRefusedAndMoveNothing() {
        long start = broker.clock.nowMillis();
        assertError(http.post("/api/v1/test/clock/advance", body("{'millis': -1}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{'millis': 1.5}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{'millis': " + Long.MAX_VALUE + "}")), 400, null);
        assertError(http.post("/api/v1/test/clock/advance", body("{'seconds': 5}")), 400, null);
        assertThat(broker.clock.nowMillis()).isEqualTo(start);
        assertThat(broker.sweeps.get()).isZero();
    }

    @Test
    @DisplayName("Without test mode the clock endpoints answer 404 and the clock stands still")
    void clockEndpointsAreGoneWithoutTestMode() {
        RuleBackedBrokerAdmin production = new RuleBackedBrokerAdmin(LIMITS, false);
        try (AdminServer off = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, false), production).start()) {
            AdminHttp client = new AdminHttp(off.port());
            long start = production.clock.nowMillis();
            assertThat(assertError(client.get("/api/v1/test/clock"), 404, null).path("error").asText())
                    .contains("test mode is off");
            assertError(client.post("/api/v1/test/clock/advance", body("{'millis': 1000}")), 404, null);
            assertThat(production.clock.nowMillis()).isEqualTo(start);
            assertThat(production.sweeps.get()).isZero();
            assertThat(assertOk(client.get("/api/v1/instance"), 200).path("testMode").asBoolean()).isFalse();
        }
        // test mode configured but the broker has no controllable clock: still no clock endpoints
        try (AdminServer noClock = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, true), production).start()) {
            AdminHttp client = new AdminHttp(noClock.port());
            assertError(client.post("/api/v1/test/clock/advance", body("{'millis': 1000}")), 404, null);
            assertThat(assertOk(client.get("/api/v1/instance"), 200).path("testMode").asBoolean()).isFalse();
        }
    }
}
