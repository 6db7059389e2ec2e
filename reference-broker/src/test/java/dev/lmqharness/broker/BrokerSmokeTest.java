package dev.lmqharness.broker;

import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppClients;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.wire.ExchangeLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BrokerSmokeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    ReferenceBroker broker;
    private final List<AppClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = ReferenceBroker.builder().tcpPort(0).inMemory().build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(AppClient::close);
        broker.stop();
    }

    AppClient client(String id) {
        AppClient c = AppClients.create(ClientKind.HIVEMQ, BrokerAddress.loopback(Scheme.TCP, broker.port(Transport.TCP)),
                id, new ExchangeLog(), id, WAIT);
        clients.add(c);
        assertThat(c.connect(new AppConnectOptions(true, 60, UserPass.NONE, null)).accepted()).isTrue();
        return c;
    }

    @Test
    void publishesQos1ToSubscriber() {
        AppClient sub = client("sub");
        AppClient pub = client("pub");
        sub.subscribe("a/+", 1);
        pub.publish("a/b", "hi".getBytes(StandardCharsets.UTF_8), 1, false);
        AppMessage got = sub.nextMessage(WAIT);
        assertThat(got).isNotNull();
        assertThat(got.text()).isEqualTo("hi");
        assertThat(got.qos()).isEqualTo(1);
    }
}
