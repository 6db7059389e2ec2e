package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.MqttCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The authenticator front picks the mode by username")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AuthenticatorTest {

    private static final String INSTANCE = "mqtt-cn-test";
    private static final String CLIENT = "GID_a@@@dev";

    private final ControllableClock clock = new ControllableClock(1_700_000_000_000L);
    private InstanceRegistry registry;
    private TokenService tokens;
    private SignatureAuthenticator signature;
    private TokenAuthenticator token;

    @BeforeEach
    void setUp() {
        registry = new InstanceRegistry(INSTANCE, LmqLimits.defaults());
        registry.addAccessKey("AK", "SK");
        tokens = new TokenService(INSTANCE, LmqLimits.defaults(), clock);
        signature = new SignatureAuthenticator(INSTANCE, registry::secretKeyOf);
        token = new TokenAuthenticator(INSTANCE, registry::secretKeyOf, tokens, clock);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("Signature| usernames go to signature mode")
    void signatureMode() {
        Authenticator auth = new Authenticator(signature, token, false);
        AuthResult ok = auth.authenticate(CLIENT, "Signature|AK|" + INSTANCE, b(SignatureAuthenticator.sign("SK", CLIENT)));
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.mode()).isEqualTo(AuthMode.SIGNATURE);
    }

    @Test
    @DisplayName("Token| usernames go to token mode")
    void tokenMode() {
        Authenticator auth = new Authenticator(signature, token, false);
        String t = tokens.applyToken(INSTANCE, "a/#", "R", clock.nowMillis() + Duration.ofHours(1).toMillis()).token();
        AuthResult ok = auth.authenticate(CLIENT, "Token|AK|" + INSTANCE, b("R|" + t));
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.mode()).isEqualTo(AuthMode.TOKEN);
        assertThat(ok.tokens()).containsExactly(t);
    }

    @Test
    @DisplayName("A wrong signature is refused even when anonymous access is allowed")
    void noWaivingWithAnonymous() {
        Authenticator auth = new Authenticator(signature, token, true);
        AuthResult r = auth.authenticate(CLIENT, "Signature|AK|" + INSTANCE, b("bad"));
        assertThat(r.accepted()).isFalse();
        assertThat(r.returnCode()).isEqualTo(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD);
        assertThat(auth.authenticate(CLIENT, "Token|AK|" + INSTANCE, b("R|nope")).accepted()).isFalse();
    }

    @Test
    @DisplayName("Anonymous allowed: no username or a plain one is accepted unrestricted")
    void anonymousAllowed() {
        Authenticator auth = new Authenticator(signature, token, true);
        AuthResult none = auth.authenticate(CLIENT, null, null);
        assertThat(none.accepted()).isTrue();
        assertThat(none.mode()).isEqualTo(AuthMode.ANONYMOUS);
        assertThat(none.permissions().unrestricted()).isTrue();
        assertThat(auth.authenticate(CLIENT, "alice", b("pw")).accepted()).isTrue();
    }

    @Test
    @DisplayName("Anonymous not allowed: no username is 0x05, an unknown scheme 0x04")
    void anonymousRefused() {
        Authenticator auth = new Authenticator(signature, token, false);
        AuthResult none = auth.authenticate(CLIENT, null, null);
        assertThat(none.accepted()).isFalse();
        assertThat(none.returnCode()).isEqualTo(MqttCodes.CONNACK_NOT_AUTHORIZED);
        assertThat(auth.authenticate(CLIENT, "", null).returnCode()).isEqualTo(MqttCodes.CONNACK_NOT_AUTHORIZED);
        AuthResult plain = auth.authenticate(CLIENT, "alice", b("pw"));
        assertThat(plain.returnCode()).isEqualTo(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("A mode that is not configured refuses with 0x04")
    void disabledModes() {
        Authenticator auth = new Authenticator(null, null, true);
        assertThat(auth.authenticate(CLIENT, "Signature|AK|" + INSTANCE, b("x")).returnCode()).isEqualTo(0x04);
        assertThat(auth.authenticate(CLIENT, "Token|AK|" + INSTANCE, b("R|x")).returnCode()).isEqualTo(0x04);
    }

    @Test
    @DisplayName("Removing an AccessKey stops its signatures from working")
    void removedKey() {
        Authenticator auth = new Authenticator(signature, token, false);
        byte[] pw = b(SignatureAuthenticator.sign("SK", CLIENT));
        assertThat(auth.authenticate(CLIENT, "Signature|AK|" + INSTANCE, pw).accepted()).isTrue();
        registry.removeAccessKey("AK");
        assertThat(auth.authenticate(CLIENT, "Signature|AK|" + INSTANCE, pw).accepted()).isFalse();
    }
}
