package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.rules.MqttCodes;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Signature mode")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SignatureAuthenticatorTest {

    private static final String INSTANCE = "mqtt-cn-test";
    private static final String AK = "LTAItestAccessKey";
    private static final String SK = "secret-key-123";
    private static final String CLIENT = "GID_test@@@device-1";

    private final SignatureAuthenticator auth =
            new SignatureAuthenticator(INSTANCE, ak -> Optional.ofNullable(Map.of(AK, SK).get(ak)));

    /** Computed here, independently of the class under test. */
    private static String hmacSha1Base64(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Rule("LMQ-AUTH-1")
    @Test
    @DisplayName("Sign() matches the RFC 2202 HMAC-SHA1 vector and an independent javax.crypto computation")
    void knownVectors() throws Exception {
        // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?" -> effcdf6a...9a7c79
        assertThat(SignatureAuthenticator.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk=");
        assertThat(SignatureAuthenticator.sign(SK, CLIENT))
                .isEqualTo(hmacSha1Base64(SK, CLIENT))
                .isEqualTo("X0pOd5yhaM90qUA8+5yLQdmy6o8=");
    }

    @Rule("LMQ-AUTH-1")
    @Test
    @DisplayName("The right signature is accepted, unrestricted")
    void accepted() throws Exception {
        AuthResult r = auth.authenticate(CLIENT, "Signature|" + AK + "|" + INSTANCE, bytes(hmacSha1Base64(SK, CLIENT)));
        assertThat(r.accepted()).isTrue();
        assertThat(r.mode()).isEqualTo(AuthMode.SIGNATURE);
        assertThat(r.returnCode()).isZero();
        assertThat(r.permissions().unrestricted()).isTrue();
        assertThat(r.tokens()).isEmpty();
        assertThat(r.toVerdict().allowed()).isTrue();
    }

    @Rule("LMQ-AUTH-1")
    @Test
    @DisplayName("A wrong signature is refused with 0x04")
    void wrongSignature() throws Exception {
        AuthResult r = auth.authenticate(CLIENT, "Signature|" + AK + "|" + INSTANCE, bytes(hmacSha1Base64("other", CLIENT)));
        assertThat(r.accepted()).isFalse();
        assertThat(r.ruleId()).isEqualTo(SignatureAuthenticator.RULE);
        assertThat(r.returnCode()).isEqualTo(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD);
        assertThat(r.permissions()).isNull();
        assertThat(r.toVerdict().returnCode()).isEqualTo(0x04);
    }

    @Rule("LMQ-AUTH-1")
    @Test
    @DisplayName("The signature is bound to the Client ID: another client's signature is refused")
    void boundToClientId() throws Exception {
        AuthResult r = auth.authenticate("GID_test@@@device-2", "Signature|" + AK + "|" + INSTANCE,
                bytes(hmacSha1Base64(SK, CLIENT)));
        assertThat(r.accepted()).isFalse();
    }

    @Rule("LMQ-AUTH-1")
    @Test
    @DisplayName("Unknown AccessKey, other instance, malformed username, no password: refused with 0x04")
    void otherRefusals() throws Exception {
        byte[] good = bytes(hmacSha1Base64(SK, CLIENT));
        assertThat(auth.authenticate(CLIENT, "Signature|nobody|" + INSTANCE, good).reason()).contains("AccessKey");
        assertThat(auth.authenticate(CLIENT, "Signature|" + AK + "|other-instance", good).reason()).contains("instance");
        assertThat(auth.authenticate(CLIENT, "Signature|" + AK, good).accepted()).isFalse();
        assertThat(auth.authenticate(CLIENT, "Signature|" + AK + "|" + INSTANCE + "|x", good).accepted()).isFalse();
        assertThat(auth.authenticate(CLIENT, "Token|" + AK + "|" + INSTANCE, good).accepted()).isFalse();
        assertThat(auth.authenticate(CLIENT, null, good).accepted()).isFalse();
        AuthResult noPassword = auth.authenticate(CLIENT, "Signature|" + AK + "|" + INSTANCE, null);
        assertThat(noPassword.accepted()).isFalse();
        assertThat(noPassword.returnCode()).isEqualTo(0x04);
    }
}
