package dev.lmqharness.broker;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BrokerSmokeTest {

    ReferenceBroker broker;

    @BeforeEach
    void start() {
        broker = ReferenceBroker.builder().tcpPort(0).inMemory().build().start();
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    Mqtt3BlockingClient client(String id) {
        Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port(Transport.TCP)).buildBlocking();
        c.connect();
        return c;
    }

    @Test
    void publishesQos1ToSubscriber() throws Exception {
        Mqtt3BlockingClient sub = client("sub");
        Mqtt3BlockingClient pub = client("pub");
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("a/+").qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic("a/b").qos(MqttQos.AT_LEAST_ONCE).payload("hi".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt3Publish> got = publishes.receive(5, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
            assertThat(got.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        }
    }
}
