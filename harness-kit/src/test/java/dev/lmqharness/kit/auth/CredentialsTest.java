package dev.lmqharness.kit.auth;


import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

    @Test
    void signatureModeSignsTheClientId() {
        UserPass up = Credentials.signature("AK", "secretKeyX", "mqtt-inst-1").forClient("GID_demo@@@device-1");
        assertThat(up.username()).isEqualTo("Signature|AK|mqtt-inst-1");
        // Base64(HMAC-SHA1("secretKeyX", "GID_demo@@@device-1")), computed independently with Python's hmac module.
        assertThat(new String(up.password(), StandardCharsets.UTF_8)).isEqualTo("L2rt4beYxO4PTAEASddXqhiEeRc=");
    }

    @Test
    void signatureDiffersPerClient() {
        Credentials c = Credentials.signature("AK", "sk", "i");
        assertThat(c.forClient("GID_a@@@1").password()).isNotEqualTo(c.forClient("GID_a@@@2").password());
    }

    @Test
    void tokenModeCarriesTheTokenPassword() {
        UserPass up = Credentials.token("AK", "inst", "R|tok1|W|tok2").forClient("GID_a@@@1");
        assertThat(up.username()).isEqualTo("Token|AK|inst");
        assertThat(new String(up.password(), StandardCharsets.UTF_8)).isEqualTo("R|tok1|W|tok2");
        assertThat(Credentials.token("AK", "inst", "RW|t").forClient("x").username()).isEqualTo("Token|AK|inst");
    }

    @Test
    void malformedTokenPasswordIsRefused() {
        assertThatThrownBy(() -> Credentials.token("AK", "inst", "tok")).hasMessageContaining("R|<token>");
        assertThatThrownBy(() -> Credentials.token("AK", "inst", "X|tok")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainAndNone() {
        assertThat(Credentials.none().forClient("c")).isEqualTo(UserPass.NONE);
        assertThat(Credentials.none().forClient("c").present()).isFalse();
        UserPass up = Credentials.plain("u", "p").forClient("c");
        assertThat(up.username()).isEqualTo("u");
        assertThat(up.password()).isEqualTo("p".getBytes(StandardCharsets.UTF_8));
        assertThat(Credentials.plain("u", null).forClient("c").password()).isNull();
        assertThatThrownBy(() -> Credentials.signature("", "s", "i")).hasMessageContaining("accessKey");
    }
}
