package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropsTest {

    @Test
    void defaultsApplyWhenUnsetOrBlank() {
        Props p = Props.of(Map.of("blank", " "));
        assertThat(p.integer("clients", 10, 1, 100)).isEqualTo(10);
        assertThat(p.string("blank", "d")).isEqualTo("d");
        assertThat(p.duration("duration", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void durationsTakeUnits() {
        assertThat(Props.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Props.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Props.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Props.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Props.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Props.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Props.parseDuration("soon")).isNull();
    }

    @Test
    void badValuesNameTheKey() {
        Props p = Props.of(Map.of("qos", "3", "clients", "many", "duration", "soon", "flag", "maybe", "rate", "-1"));
        assertThatThrownBy(() -> p.qos("qos", 1)).hasMessage("-Dqos=3 is invalid: expected between 0 and 2");
        assertThatThrownBy(() -> p.integer("clients", 1, 1, 10)).hasMessageContaining("-Dclients=many");
        assertThatThrownBy(() -> p.duration("duration", Duration.ZERO)).hasMessageContaining("-Dduration=soon");
        assertThatThrownBy(() -> p.bool("flag", false)).hasMessageContaining("-Dflag=maybe");
        assertThatThrownBy(() -> p.decimal("rate", 1, 0.001, 100)).hasMessageContaining("-Drate=-1.0");
    }

    @Test
    void numbersMayCarryUnderscores() {
        assertThat(Props.of(Map.of("clients", "10_000")).integer("clients", 1, 1, 1_000_000)).isEqualTo(10_000);
    }
}
