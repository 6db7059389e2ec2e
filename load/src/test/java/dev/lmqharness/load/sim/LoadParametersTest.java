package dev.lmqharness.load.sim;

import dev.lmqharness.load.core.Props;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadParametersTest {

    private static final LoadParameters.Defaults D =
            new LoadParameters.Defaults(100, 20, Duration.ofSeconds(60), Duration.ofSeconds(10), 1, 256, 500);

    @Test
    void defaultsOfTheSimulationApply() {
        LoadParameters p = LoadParameters.from(Props.of(Map.of()), D);
        assertThat(p.url()).isNull();
        assertThat(p.clients()).isEqualTo(100);
        assertThat(p.pace()).isEqualTo(Duration.ofMillis(50));
        assertThat(p.messagesPerClient()).isEqualTo(1200);
        assertThat(p.shard().count()).isEqualTo(1);
    }

    @Test
    void propertiesOverrideAndShardIsChecked() {
        LoadParameters p = LoadParameters.from(Props.of(Map.of("mqtt.url", "ws://h:8083/mqtt", "clients", "7", "rate", "0.5",
                "shard", "2", "shards", "4", "qos", "0")), D);
        assertThat(p.clients()).isEqualTo(7);
        assertThat(p.pace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.shard().first()).isEqualTo(2_000_000);
        assertThat(p.asMap()).containsEntry("mqtt.url", "ws://h:8083/mqtt").containsEntry("qos", "0");
    }

    @Test
    void badValuesStopTheRunNamingTheKey() {
        assertThatThrownBy(() -> LoadParameters.from(Props.of(Map.of("mqtt.url", "http://h")), D)).hasMessageContaining("http");
        assertThatThrownBy(() -> LoadParameters.from(Props.of(Map.of("shard", "4", "shards", "4")), D)).hasMessageContaining("-Dshard=4");
        assertThatThrownBy(() -> LoadParameters.from(Props.of(Map.of("clients", "11", "shard.size", "10")), D))
                .hasMessageContaining("-Dclients=11");
    }

    @Test
    void credentialsFromProperties() {
        assertThat(LoadSimulation.credentials(Props.of(Map.of())).forClient("c").present()).isFalse();
        assertThat(LoadSimulation.credentials(Props.of(Map.of("mqtt.auth", "signature", "mqtt.accessKey", "AK",
                "mqtt.secretKey", "SK", "mqtt.instanceId", "I"))).forClient("c").username()).isEqualTo("Signature|AK|I");
        assertThatThrownBy(() -> LoadSimulation.credentials(Props.of(Map.of("mqtt.auth", "token"))))
                .hasMessageContaining("-Dmqtt.accessKey");
        assertThatThrownBy(() -> LoadSimulation.credentials(Props.of(Map.of("mqtt.auth", "kerberos"))))
                .hasMessageContaining("-Dmqtt.auth=kerberos");
    }
}
