package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.MqttCodes;
import dev.lmqharness.broker.rules.PublishVerdict;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Token mode")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenAuthenticatorTest {

    private static final String INSTANCE = "mqtt-cn-test";
    private static final String AK = "LTAItestAccessKey";
    private static final String USER = "Token|" + AK + "|" + INSTANCE;

    private final ControllableClock clock = new ControllableClock(1_700_000_000_000L);
    private final TokenService tokens = new TokenService(INSTANCE, LmqLimits.defaults(), clock);
    private final SecretKeys keys = ak -> Optional.ofNullable(Map.of(AK, "sk").get(ak));
    private final TokenAuthenticator auth = new TokenAuthenticator(INSTANCE, keys, tokens, clock);

    private String apply(String resources, String actions) {
        ApplyTokenResult r = tokens.applyToken(INSTANCE, resources, actions, clock.nowMillis() + Duration.ofHours(1).toMillis());
        assertThat(r.success()).isTrue();
        return r.token();
    }

    private AuthResult connect(String password) {
        return auth.authenticate(USER, password.getBytes(StandardCharsets.UTF_8));
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("R|<t1>|W|<t2> grants subscribe on t1's resources and publish on t2's")
    void readAndWriteTokens() {
        String r = apply("topic/in/#", "R");
        String w = apply("topic/out/+", "W");
        AuthResult res = connect("R|" + r + "|W|" + w);
        assertThat(res.accepted()).isTrue();
        assertThat(res.mode()).isEqualTo(AuthMode.TOKEN);
        assertThat(res.tokens()).containsExactly(r, w);
        Permissions p = res.permissions();
        assertThat(p.unrestricted()).isFalse();
        assertThat(p.canSubscribe("topic/in/#")).isTrue();
        assertThat(p.canSubscribe("topic/in/a/+")).isTrue();
        assertThat(p.canPublish("topic/out/x")).isTrue();
        assertThat(p.canPublish("topic/in/x")).isFalse();
        assertThat(p.canSubscribe("topic/out/x")).isFalse();
        assertThat(p.canPublish("topic/out/x/y")).isFalse();
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("A token with R only cannot publish (discard and close), can subscribe")
    void readOnlyCannotPublish() {
        String r = apply("topic/#", "R");
        AuthResult res = connect("R|" + r);
        assertThat(res.accepted()).isTrue();
        PublishVerdict pub = res.permissions().checkPublish("topic/a");
        assertThat(pub.delivers()).isFalse();
        assertThat(pub.closesConnection()).isTrue();
        assertThat(pub.ruleId()).isEqualTo(TokenAuthenticator.RULE);
        assertThat(res.permissions().checkSubscribe("topic/a").allowed()).isTrue();
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("A token with W only cannot subscribe (SUBACK 0x80)")
    void writeOnlyCannotSubscribe() {
        String w = apply("topic/#", "W");
        AuthResult res = connect("W|" + w);
        assertThat(res.accepted()).isTrue();
        assertThat(res.permissions().checkSubscribe("topic/a").returnCode()).isEqualTo(MqttCodes.SUBACK_FAILURE);
        assertThat(res.permissions().checkPublish("topic/a").delivers()).isTrue();
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("RW|<t> with an R,W token grants both")
    void rwToken() {
        String t = apply("topic/a", "R,W");
        AuthResult res = connect("RW|" + t);
        assertThat(res.accepted()).isTrue();
        assertThat(res.permissions().canPublish("topic/a")).isTrue();
        assertThat(res.permissions().canSubscribe("topic/a")).isTrue();
        assertThat(res.permissions().canPublish("topic/b")).isFalse();
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("RW|<t> with an R-only token grants R only")
    void rwSlotWithReadToken() {
        String t = apply("topic/a", "R");
        AuthResult res = connect("RW|" + t);
        assertThat(res.accepted()).isTrue();
        assertThat(res.permissions().canSubscribe("topic/a")).isTrue();
        assertThat(res.permissions().canPublish("topic/a")).isFalse();
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("A W token given in the R slot is not authorised (0x05)")
    void slotMismatch() {
        String w = apply("topic/a", "W");
        AuthResult res = connect("R|" + w);
        assertThat(res.accepted()).isFalse();
        assertThat(res.returnCode()).isEqualTo(MqttCodes.CONNACK_NOT_AUTHORIZED);
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("Up to three parts; either part may be absent; order free")
    void threeParts() {
        String r = apply("topic/r", "R");
        String w = apply("topic/w", "W");
        String rw = apply("topic/rw", "R,W");
        AuthResult res = connect("W|" + w + "|RW|" + rw + "|R|" + r);
        assertThat(res.accepted()).isTrue();
        assertThat(res.permissions().readFilters()).containsExactlyInAnyOrder("topic/r", "topic/rw");
        assertThat(res.permissions().writeFilters()).containsExactlyInAnyOrder("topic/w", "topic/rw");
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("A revoked token is refused (0x05)")
    void revoked() {
        String t = apply("topic/#", "R,W");
        assertThat(connect("RW|" + t).accepted()).isTrue();
        tokens.revokeToken(INSTANCE, t);
        AuthResult res = connect("RW|" + t);
        assertThat(res.accepted()).isFalse();
        assertThat(res.ruleId()).isEqualTo(TokenAuthenticator.RULE);
        assertThat(res.returnCode()).isEqualTo(MqttCodes.CONNACK_NOT_AUTHORIZED);
        assertThat(res.reason()).contains("revoked");
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("An expired token is refused (0x05), even before the sweep removed it")
    void expired() {
        String t = apply("topic/#", "R");
        clock.advance(Duration.ofHours(1));
        AuthResult res = connect("R|" + t);
        assertThat(res.accepted()).isFalse();
        assertThat(res.returnCode()).isEqualTo(MqttCodes.CONNACK_NOT_AUTHORIZED);
        assertThat(res.reason()).contains("expired");
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("One bad token spoils the connection even if the other is good")
    void oneBadToken() {
        String r = apply("topic/#", "R");
        String w = apply("topic/#", "W");
        tokens.revokeToken(INSTANCE, w);
        assertThat(connect("R|" + r + "|W|" + w).accepted()).isFalse();
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("An unknown token is a bad password (0x04)")
    void unknownToken() {
        AuthResult res = connect("R|made-up-token");
        assertThat(res.accepted()).isFalse();
        assertThat(res.returnCode()).isEqualTo(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD);
    }

    @Rule("LMQ-AUTH-2")
    @DisplayName("Malformed password refused with 0x04")
    @ParameterizedTest(name = "Malformed password [{0}] refused with 0x04")
    @ValueSource(strings = {"", "R", "R|", "X|tok", "R|a|R|b", "R|a|W", "r|tok", "R|a|W|b|RW|c|R|d", "|tok"})
    void malformedPassword(String password) {
        AuthResult res = connect(password);
        assertThat(res.accepted()).isFalse();
        assertThat(res.returnCode()).isEqualTo(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD);
    }

    @Rule("LMQ-AUTH-2")
    @Test
    @DisplayName("Bad username, unknown AccessKey, other instance, no password: refused with 0x04")
    void usernameRefusals() {
        String t = apply("topic/#", "R").trim();
        byte[] pw = ("R|" + t).getBytes(StandardCharsets.UTF_8);
        assertThat(auth.authenticate("Token|nobody|" + INSTANCE, pw).returnCode()).isEqualTo(0x04);
        assertThat(auth.authenticate("Token|" + AK + "|other", pw).returnCode()).isEqualTo(0x04);
        assertThat(auth.authenticate("Token|" + AK, pw).returnCode()).isEqualTo(0x04);
        assertThat(auth.authenticate("Signature|" + AK + "|" + INSTANCE, pw).accepted()).isFalse();
        assertThat(auth.authenticate(USER, null).returnCode()).isEqualTo(0x04);
        assertThat(auth.authenticate(USER, pw).accepted()).isTrue();
    }
}
