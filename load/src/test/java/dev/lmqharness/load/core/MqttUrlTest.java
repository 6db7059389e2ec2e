package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttUrlTest {

    @Test
    void parsesTheFourTransports() {
        assertThat(MqttUrl.parse("tcp://broker.example:1884")).isEqualTo(new MqttUrl(MqttUrl.Scheme.TCP, "broker.example", 1884, null));
        assertThat(MqttUrl.parse("ssl://h:8884")).isEqualTo(new MqttUrl(MqttUrl.Scheme.SSL, "h", 8884, null));
        assertThat(MqttUrl.parse("ws://h:8083/mqtt")).isEqualTo(new MqttUrl(MqttUrl.Scheme.WS, "h", 8083, "/mqtt"));
        assertThat(MqttUrl.parse("wss://h/custom/path")).isEqualTo(new MqttUrl(MqttUrl.Scheme.WSS, "h", 443, "/custom/path"));
    }

    @Test
    void defaultsPortsAndWebSocketPath() {
        assertThat(MqttUrl.parse("tcp://h").port()).isEqualTo(1883);
        assertThat(MqttUrl.parse("ssl://h").port()).isEqualTo(8883);
        assertThat(MqttUrl.parse("ws://h").port()).isEqualTo(80);
        assertThat(MqttUrl.parse("ws://h:9001").path()).isEqualTo("/mqtt");
        assertThat(MqttUrl.parse("mqtt://h").scheme()).isEqualTo(MqttUrl.Scheme.TCP);
        assertThat(MqttUrl.parse("mqtts://h").scheme()).isEqualTo(MqttUrl.Scheme.SSL);
    }

    @Test
    void ipv6HostsLoseTheirBrackets() {
        MqttUrl u = MqttUrl.parse("tcp://[::1]:1883");
        assertThat(u.host()).isEqualTo("::1");
        assertThat(u.toString()).isEqualTo("tcp://[::1]:1883");
    }

    @Test
    void badUrlsSayWhatIsWrong() {
        assertThatThrownBy(() -> MqttUrl.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MqttUrl.parse("127.0.0.1:1883")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> MqttUrl.parse("http://h:80")).hasMessageContaining("unsupported scheme 'http'");
        assertThatThrownBy(() -> MqttUrl.parse("tcp://h:1883/path")).hasMessageContaining("only meaningful for ws");
        assertThatThrownBy(() -> MqttUrl.parse("tcp://h:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttUrl.parse("tcp:///nohost")).hasMessageContaining("no host");
    }

    @Test
    void printsBackWhatItParsed() {
        assertThat(MqttUrl.parse("wss://h:8084/mqtt").toString()).isEqualTo("wss://h:8084/mqtt");
        assertThat(MqttUrl.parse("tcp://h").toString()).isEqualTo("tcp://h:1883");
    }
}
