package dev.lmqharness.load.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientIdPatternTest {

    @Test
    void defaultPatternHasTheGroupAtDeviceFormAndAllowedCharacters() {
        String id = new ClientIdPattern(ClientIdPattern.DEFAULT).format("steady fleet!", 0, 42);
        assertThat(id).isEqualTo("GID_lmqload@@@steady-fleet-42");
        assertThat(id).matches("[0-9A-Za-z_-]+@@@[0-9A-Za-z_-]+").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void placeholdersAreReplaced() {
        assertThat(new ClientIdPattern("GID_x@@@s{shard}-{n}").format("any", 3, 3_000_007)).isEqualTo("GID_x@@@s3-3000007");
    }

    @Test
    void longScenarioNamesAreCut() {
        assertThat(ClientIdPattern.scenarioTag("a very long scenario name indeed")).hasSize(16);
        assertThat(ClientIdPattern.scenarioTag("///")).isEqualTo("s");
    }

    @Test
    void unknownPlaceholderIsRefused() {
        assertThatThrownBy(() -> new ClientIdPattern("GID_x@@@{user}")).hasMessageContaining("{user}");
    }
}
