package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppClients;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.kit.wire.ExchangeLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of an embedded broker (profile lmq, test clock, admin on an ephemeral loopback
 * port), reached over real HTTP; MQTT clients of the harness kit where a test needs connections.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class AdminApiTestBase {

    static final String INSTANCE = "mqtt-admin-test";
    /** Small caps so the tests reach them quickly. */
    static final LmqLimits LIMITS = LmqLimits.defaults().withMaxParentTopics(3);
    static final Duration WAIT = Duration.ofSeconds(10);

    record EndedToken(String token, TokenListener.Reason reason) {
    }

    ReferenceBroker broker;
    BrokerAdmin admin;
    AdminHttp http;
    final List<EndedToken> endedTokens = new CopyOnWriteArrayList<>();
    private final List<AppClient> clients = new ArrayList<>();

    /** An empty instance, anonymous clients allowed, no status events (so the only messages are the tests' own). */
    LmqConfig lmq() {
        return LmqConfig.defaults().withInstanceId(INSTANCE).withLimits(LIMITS).withStatusTopic("").withAnonymousAllowed(true);
    }

    @BeforeEach
    void startBroker() {
        broker = ReferenceBroker.builder().profile(Profile.LMQ).lmq(lmq()).testMode().adminPort(0).build().start();
        admin = broker.admin().orElseThrow();
        admin.tokens().addListener((instanceId, token, reason) -> endedTokens.add(new EndedToken(token, reason)));
        http = new AdminHttp(broker.adminPort(), broker.adminToken().orElseThrow());
    }

    @AfterEach
    void stopBroker() {
        clients.forEach(AppClient::close);
        broker.stop();
    }

    long now() {
        return admin.now();
    }

    /** A connected kit client; the connect must be accepted. */
    AppClient connect(String clientId, boolean cleanSession) {
        return connect(clientId, cleanSession, UserPass.NONE);
    }

    AppClient connect(String clientId, boolean cleanSession, UserPass credentials) {
        AppClient c = client(clientId);
        ConnectOutcome o = c.connect(new AppConnectOptions(cleanSession, 60, credentials, null));
        assertThat(o.accepted()).as("CONNECT of %s: %s", clientId, o).isTrue();
        return c;
    }

    /** A kit client that is not connected yet. */
    AppClient client(String clientId) {
        AppClient c = AppClients.create(ClientKind.HIVEMQ, BrokerAddress.loopback(Scheme.TCP, broker.port(Transport.TCP)),
                clientId, new ExchangeLog(), clientId, WAIT);
        clients.add(c);
        return c;
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
