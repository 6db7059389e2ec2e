package dev.lmqharness.broker.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard's decisions on header sets the socket tests cannot easily send (several Host headers, odd spellings). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestGuardTest {

    private static final String TOKEN = "guard-test-token-0123456789";
    private final RequestGuard guard = new RequestGuard(AdminToken.configured(TOKEN),
            HostAllowList.of("127.0.0.1", List.of("broker.internal")));

    /** A request's headers, names case-insensitive as in HTTP. */
    private static final class Headers {
        private final Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Headers add(String name, String value) {
            map.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        Headers without(String name) {
            map.remove(name);
            return this;
        }

        List<String> get(String name) {
            return map.get(name);
        }
    }

    private static Headers ok() {
        return new Headers().add("Host", "127.0.0.1:8080").add("Authorization", "Bearer " + TOKEN)
                .add("Content-Type", "application/json");
    }

    private Optional<Integer> status(String method, Headers h) {
        return guard.check(method, h::get).map(RequestGuard.Refusal::status);
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThat(status("GET", ok())).isEmpty();
        assertThat(status("POST", ok())).isEmpty();
        assertThat(status("GET", ok().without("Content-Type"))).as("reads need no content type").isEmpty();
        assertThat(status("POST", ok().without("Content-Type").add("Content-Type", "Application/JSON;charset=UTF-8"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "post"})
    void everythingButGetAndHeadNeedsJson(String method) {
        assertThat(status(method, ok().without("Content-Type"))).hasValue(415);
        assertThat(status(method, ok().without("Content-Type").add("Content-Type", "text/plain"))).hasValue(415);
        assertThat(status(method, ok().add("Content-Type", "application/json"))).as("two content types").hasValue(415);
        assertThat(status("HEAD", ok().without("Content-Type"))).isEmpty();
    }

    @Test
    void theTokenIsRequiredAndComparedExactly() {
        Optional<RequestGuard.Refusal> missing = guard.check("GET", ok().without("Authorization")::get);
        assertThat(missing).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"lmq-admin\"");
        });
        assertThat(status("GET", ok().without("Authorization").add("Authorization", "Bearer " + TOKEN.toUpperCase(Locale.ROOT))))
                .hasValue(401);
        assertThat(status("GET", ok().without("Authorization").add("Authorization", "BEARER   " + TOKEN + "  "))).isEmpty();
        assertThat(status("GET", ok().add("Authorization", "Bearer " + TOKEN))).as("two Authorization headers").hasValue(401);
        assertThat(guard.check("GET", ok().without("Authorization").add("Authorization", "Bearer nope")::get))
                .hasValueSatisfying(r -> assertThat(r.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "127.0.0.1.nip.io", "localhost.", "[::1", "[::1]x",
            "127.0.0.1:99999", "127.0.0.1:x", "", "broker.internal.evil.example", "user@127.0.0.1"})
    void foreignOrMalformedHostIs421(String host) {
        assertThat(status("GET", ok().without("Host").add("Host", host))).hasValue(421);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost:1", "LocalHost:8080", "[::1]:8080", "[0:0:0:0:0:0:0:1]", "broker.internal:443"})
    void loopbackBindAndConfiguredHostsPass(String host) {
        assertThat(status("GET", ok().without("Host").add("Host", host))).isEmpty();
    }

    @Test
    void exactlyOneHostHeader() {
        assertThat(status("GET", ok().without("Host"))).hasValue(421);
        assertThat(status("GET", ok().add("Host", "127.0.0.1:8080"))).hasValue(421);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "http://127.0.0.1", "http://127.0.0.1:8081", "https://127.0.0.1:8080",
            "http://localhost:8080", "http://127.0.0.1:8080/path", "http://u@127.0.0.1:8080", "file://", "http//127.0.0.1:8080"})
    void anOriginOtherThanTheRequestsOwnIs403(String origin) {
        assertThat(status("POST", ok().add("Origin", origin))).hasValue(403);
    }

    @Test
    void theRequestsOwnOriginPasses() {
        assertThat(status("POST", ok().add("Origin", "http://127.0.0.1:8080"))).isEmpty();
        assertThat(status("POST", ok().without("Host").add("Host", "localhost").add("Origin", "http://LOCALHOST:80"))).isEmpty();
        assertThat(status("POST", ok().add("Origin", "http://127.0.0.1:8080").add("Origin", "http://127.0.0.1:8080")))
                .as("two Origin headers").hasValue(403);
    }

    @Test
    void hostIsCheckedBeforeTheTokenAndTheTokenBeforeTheContentType() {
        Headers h = new Headers().add("Host", "evil.example").add("Content-Type", "text/plain");
        assertThat(status("POST", h)).hasValue(421);
        assertThat(status("POST", h.without("Host").add("Host", "127.0.0.1"))).hasValue(401);
        assertThat(status("POST", h.add("Authorization", "Bearer " + TOKEN))).hasValue(415);
    }

    @Test
    void generatedTokensAreLongRandomAndMatchOnlyThemselves() {
        AdminToken a = AdminToken.generate();
        AdminToken b = AdminToken.generate();
        assertThat(a.value()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.value());
        assertThat(a.generated()).isTrue();
        assertThat(a.matches(a.value())).isTrue();
        assertThat(a.matches(b.value())).isFalse();
        assertThat(a.matches(a.value() + "x")).isFalse();
        assertThat(a.matches(null)).isFalse();
        assertThat(a.toString()).doesNotContain(a.value());
        assertThat(AdminToken.configured(TOKEN).generated()).isFalse();
    }
}
