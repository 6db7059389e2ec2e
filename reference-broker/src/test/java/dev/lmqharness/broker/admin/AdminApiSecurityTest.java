package dev.lmqharness.broker.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.AdminConfig;
import dev.lmqharness.broker.config.ConfigException;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin API's access control over real sockets against an embedded broker: the bearer token,
 * JSON-only writes, and the Origin and Host checks (RequestGuard). The first two tests reproduce the
 * defects of issue 11 (an unauthenticated read, a cross-site text/plain POST minting an access key).
 */
@DisplayName("Admin API: authentication, JSON-only writes, Origin and Host checks")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminApiSecurityTest {

    private static final String KEYS = "/api/v1/access-keys";
    private static final String NEW_KEY = "{\"accessKey\":\"AK_evil\",\"secretKey\":\"SK_evil_secret\"}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ReferenceBroker broker;

    @BeforeEach
    void start() {
        broker = broker(AdminConfig.defaults());
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    private static ReferenceBroker broker(AdminConfig admin) {
        return ReferenceBroker.builder().profile(Profile.LMQ)
                .lmq(LmqConfig.defaults().withInstanceId("sec-test").withStatusTopic(""))
                .admin(admin).adminPort(0).build().start();
    }

    private String token() {
        return broker.adminToken().orElseThrow();
    }

    private boolean evilKeyExists() {
        return broker.admin().orElseThrow().registry().accessKeyExists("AK_evil");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broker.adminPort() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static void assertRefused(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("%s %s: %s", r.request().method(), r.uri(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Reply.JSON);
        JsonNode body = AdminHttp.json(r);
        assertThat(body.path("error").asText()).as("error message").isNotBlank();
    }

    private static void assertChallenged(HttpResponse<String> r) {
        assertRefused(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
    }

    // ---- the defects as found -------------------------------------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void withoutATokenNothingIsServed() {
        assertChallenged(send(request(KEYS).GET()));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void crossSiteTextPlainPostMintsNoAccessKey() {
        HttpResponse<String> r = send(request(KEYS).header("Content-Type", "text/plain")
                .header("Origin", "http://evil.example").POST(json(NEW_KEY)));
        assertRefused(r, 403);
        assertThat(evilKeyExists()).isFalse();
    }

    // ---- the token ------------------------------------------------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void noTokenIs401ForGetAndPost() {
        assertChallenged(send(request("/api/v1/health").GET()));
        assertChallenged(send(request("/metrics").GET()));
        assertChallenged(send(request(KEYS).header("Content-Type", "application/json").POST(json(NEW_KEY))));
        assertThat(evilKeyExists()).isFalse();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void wrongOrMisplacedTokenIs401() {
        HttpResponse<String> wrong = send(request(KEYS).header("Authorization", "Bearer " + token() + "x").GET());
        assertChallenged(wrong);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertChallenged(send(request(KEYS).header("Authorization", "Bearer " + token().substring(1)).GET()));
        assertChallenged(send(request(KEYS).header("Authorization", "Basic " + token()).GET()));
        assertChallenged(send(request(KEYS).header("Authorization", token()).GET()));
        assertChallenged(send(request(KEYS).header("Authorization", "Bearer ").GET()));
        // never from places a browser fills in by itself on a forged request
        assertChallenged(send(request(KEYS + "?access_token=" + token()).GET()));
        assertChallenged(send(request(KEYS).header("Cookie", "token=" + token()).GET()));
        assertChallenged(send(request(KEYS).header("Content-Type", "application/json")
                .header("Authorization", "Bearer wrong-token-but-long-enough").POST(json(NEW_KEY))));
        assertThat(evilKeyExists()).isFalse();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void rightTokenIsServed() {
        HttpResponse<String> r = send(request(KEYS).header("Authorization", "Bearer " + token()).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(send(request(KEYS).header("Authorization", "bearer " + token()).GET()).statusCode())
                .as("the scheme is case-insensitive (RFC 7235)").isEqualTo(200);
        HttpResponse<String> created = send(request(KEYS).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json; charset=utf-8").POST(json(NEW_KEY)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(evilKeyExists()).isTrue();
    }

    // ---- JSON-only writes -----------------------------------------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void nonJsonWriteIs415AndCreatesNothing() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/jsonx")) {
            assertRefused(send(request(KEYS).header("Authorization", "Bearer " + token())
                    .header("Content-Type", type).POST(json(NEW_KEY))), 415);
        }
        assertRefused(send(request(KEYS).header("Authorization", "Bearer " + token()).POST(json(NEW_KEY))), 415);
        assertThat(evilKeyExists()).isFalse();

        broker.admin().orElseThrow().registry().addAccessKey("AK_keep", "SK_keep_secret");
        assertRefused(send(request(KEYS + "/AK_keep").header("Authorization", "Bearer " + token()).DELETE()), 415);
        assertThat(broker.admin().orElseThrow().registry().accessKeyExists("AK_keep")).as("DELETE without JSON").isTrue();
    }

    // ---- Origin ---------------------------------------------------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void foreignOriginIs403EvenWithTheToken() {
        String self = "http://127.0.0.1:" + broker.adminPort();
        for (String origin : List.of("http://evil.example", "null", "http://localhost:" + broker.adminPort(),
                "https://127.0.0.1:" + broker.adminPort(), "http://127.0.0.1:" + (broker.adminPort() + 1), self + "/x")) {
            assertRefused(send(request(KEYS).header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json").header("Origin", origin).POST(json(NEW_KEY))), 403);
        }
        assertThat(evilKeyExists()).isFalse();
        assertThat(send(request(KEYS).header("Authorization", "Bearer " + token()).header("Origin", self).GET()).statusCode())
                .as("the API's own origin").isEqualTo(200);
    }

    // ---- Host (raw socket: HttpClient will not set Host) ----------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void foreignHostIsRejected() {
        int port = broker.adminPort();
        String auth = "Authorization: Bearer " + token() + "\r\n";
        assertThat(raw("GET " + KEYS, "evil.example:" + port, auth)).startsWith("HTTP/1.1 421 ");
        assertThat(raw("GET " + KEYS, "127.0.0.1.evil.example", auth)).startsWith("HTTP/1.1 421 ");
        assertThat(raw("GET " + KEYS, "evil.example:" + port, "")).as("before the token is looked at").startsWith("HTTP/1.1 421 ");
        assertThat(raw("GET " + KEYS, null, auth)).as("no Host at all").startsWith("HTTP/1.1 421 ");
        assertThat(raw("POST " + KEYS, "evil.example:" + port, auth + "Content-Type: application/json\r\n", NEW_KEY))
                .startsWith("HTTP/1.1 421 ");
        assertThat(evilKeyExists()).isFalse();
        for (String loopback : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port)) {
            assertThat(raw("GET " + KEYS, loopback, auth)).as(loopback).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void configuredAllowedHostIsServed() {
        broker.stop();
        broker = broker(AdminConfig.defaults().withAllowedHosts(List.of("broker.internal", "[FD00::5]")));
        String auth = "Authorization: Bearer " + token() + "\r\n";
        assertThat(raw("GET " + KEYS, "broker.internal:" + broker.adminPort(), auth)).startsWith("HTTP/1.1 200 ");
        assertThat(raw("GET " + KEYS, "[fd00:0:0::5]", auth)).as("any spelling of the address").startsWith("HTTP/1.1 200 ");
        assertThat(raw("GET " + KEYS, "other.internal", auth)).startsWith("HTTP/1.1 421 ");
    }

    // ---- where the token comes from -------------------------------------------------------

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void generatedTokenIsLoggedOnceAtStart() {
        broker.stop();
        Logger log = (Logger) LoggerFactory.getLogger(AdminServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            broker = broker(AdminConfig.defaults());
            String t = token();
            assertThat(t).hasSizeGreaterThanOrEqualTo(32);
            assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains(t)).hasSize(1);
            try (AdminServer again = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, false), broker.admin().orElseThrow())) {
                again.start();
                again.stop();
                again.start();
                assertThat(again.token()).as("a fresh token per server").isNotEqualTo(t);
                assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains(again.token()))
                        .as("once, also across a restart").hasSize(1);
            }
        } finally {
            log.detachAppender(events);
        }
        assertThat(send(request(KEYS).header("Authorization", "Bearer " + token()).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void configuredTokenWorksAndIsNeverLogged() {
        broker.stop();
        String configured = "configured-admin-token-0123456789";
        Logger log = (Logger) LoggerFactory.getLogger(AdminServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            broker = broker(AdminConfig.defaults().withToken(configured));
        } finally {
            log.detachAppender(events);
        }
        assertThat(token()).isEqualTo(configured);
        assertThat(events.list).noneMatch(e -> e.getFormattedMessage().contains(configured));
        assertThat(send(request(KEYS).header("Authorization", "Bearer " + configured).GET()).statusCode()).isEqualTo(200);
        assertChallenged(send(request(KEYS).header("Authorization", "Bearer configured-admin-token-012345678").GET()));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void badTokenOrAllowedHostStopsTheStartNamingTheKey() {
        broker.stop();
        assertThatThrownBy(() -> broker(AdminConfig.defaults().withToken(""))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admin.token: must not be empty");
        assertThatThrownBy(() -> broker(AdminConfig.defaults().withToken("short"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admin.token: must be at least 16 characters").hasMessageNotContaining("'short'");
        assertThatThrownBy(() -> broker(AdminConfig.defaults().withAllowedHosts(List.of("ok.example", "http://evil.example"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("admin.allowed-hosts[1]: must be a host name");
        // nothing is left listening: a good config starts
        broker = broker(AdminConfig.defaults());
        assertThat(broker.adminPort()).isPositive();
    }

    /** One HTTP/1.1 request written byte for byte; {@code host == null} sends no Host header. @return the whole answer */
    private String raw(String methodAndPath, String host, String headers) {
        return raw(methodAndPath, host, headers, "");
    }

    private String raw(String methodAndPath, String host, String headers, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String request = methodAndPath + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + headers
                + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "Connection: close\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", broker.adminPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
