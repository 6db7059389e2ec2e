package dev.lmqharness.kit.address;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerAddressTest {

    @Test
    void parsesTheFourTransports() {
        assertThat(BrokerAddress.parse("tcp://broker.example:1884")).isEqualTo(new BrokerAddress(Scheme.TCP, "broker.example", 1884, null));
        assertThat(BrokerAddress.parse("ssl://h:8884")).isEqualTo(new BrokerAddress(Scheme.SSL, "h", 8884, null));
        assertThat(BrokerAddress.parse("ws://h:8083/mqtt")).isEqualTo(new BrokerAddress(Scheme.WS, "h", 8083, "/mqtt"));
        assertThat(BrokerAddress.parse("wss://h/custom/path")).isEqualTo(new BrokerAddress(Scheme.WSS, "h", 443, "/custom/path"));
    }

    @Test
    void defaultsPortsAndWebSocketPath() {
        assertThat(BrokerAddress.parse("tcp://h").port()).isEqualTo(1883);
        assertThat(BrokerAddress.parse("ssl://h").port()).isEqualTo(8883);
        assertThat(BrokerAddress.parse("ws://h").port()).isEqualTo(80);
        assertThat(BrokerAddress.parse("ws://h:9001").path()).isEqualTo("/mqtt");
        assertThat(BrokerAddress.parse("mqtt://h").scheme()).isEqualTo(Scheme.TCP);
        assertThat(BrokerAddress.parse("mqtts://h").scheme()).isEqualTo(Scheme.SSL);
    }

    @Test
    void ipv6HostsLoseTheirBrackets() {
        BrokerAddress u = BrokerAddress.parse("tcp://[::1]:1883");
        assertThat(u.host()).isEqualTo("::1");
        assertThat(u.toString()).isEqualTo("tcp://[::1]:1883");
    }

    @Test
    void badUrlsSayWhatIsWrong() {
        assertThatThrownBy(() -> BrokerAddress.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BrokerAddress.parse("127.0.0.1:1883")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> BrokerAddress.parse("http://h:80")).hasMessageContaining("unsupported scheme 'http'");
        assertThatThrownBy(() -> BrokerAddress.parse("tcp://h:1883/path")).hasMessageContaining("only meaningful for ws");
        assertThatThrownBy(() -> BrokerAddress.parse("tcp://h:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrokerAddress.parse("tcp:///nohost")).hasMessageContaining("no host");
    }

    @Test
    void printsBackWhatItParsed() {
        assertThat(BrokerAddress.parse("wss://h:8084/mqtt").toString()).isEqualTo("wss://h:8084/mqtt");
        assertThat(BrokerAddress.parse("tcp://h").toString()).isEqualTo("tcp://h:1883");
    }
}
