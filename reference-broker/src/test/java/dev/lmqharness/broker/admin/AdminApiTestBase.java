package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.config.AdminConfig;
import dev.lmqharness.broker.rules.LmqLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin server on an ephemeral loopback port over {@link RuleBackedBrokerAdmin}, test mode on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class AdminApiTestBase {

    /** Small caps so the tests reach them quickly. */
    static final LmqLimits LIMITS = LmqLimits.defaults().withMaxParentTopics(3);

    RuleBackedBrokerAdmin broker;
    AdminServer server;
    AdminHttp http;

    @BeforeEach
    void startAdmin() {
        broker = new RuleBackedBrokerAdmin(LIMITS, true);
        server = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, true), broker).start();
        http = new AdminHttp(server.port());
    }

    @AfterEach
    void stopAdmin() {
        server.stop();
    }

    /** Asserts the status and the JSON error shape; @return the error body */
    static JsonNode assertError(HttpResponse<String> r, int status, String rule) {
        assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
        JsonNode body = AdminHttp.json(r);
        assertThat(body.path("error").asText()).as("error message").isNotBlank();
        if (rule == null) {
            assertThat(body.has("rule")).as("no rule in %s", body).isFalse();
        } else {
            assertThat(body.path("rule").asText()).isEqualTo(rule);
        }
        return body;
    }

    static JsonNode assertOk(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(status);
        return status == 204 ? null : AdminHttp.json(r);
    }
}
