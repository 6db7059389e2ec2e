package dev.lmqharness.suite.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourcesTest {

    @Test
    void systemPropertiesBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("target.properties");
        Files.writeString(file, "lmq.url=tcp://file:1\nlmq.profile=lite\nlmq.namespace=fromfile\n");
        Map<String, String> merged = ConfigSources.load(
                Map.of("lmq.config", file.toString(), "lmq.url", "tcp://sys:3", "java.version", "17"),
                Map.of("LMQ_URL", "tcp://env:2", "LMQ_PROFILE", "lmq", "PATH", "/bin"));
        assertThat(merged).containsEntry("lmq.url", "tcp://sys:3")
                .containsEntry("lmq.profile", "lmq")
                .containsEntry("lmq.namespace", "fromfile")
                .doesNotContainKey("java.version");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(ConfigKeys.envName("lmq.accessKey")).isEqualTo("LMQ_ACCESS_KEY");
        assertThat(ConfigKeys.envName("lmq.url.wss")).isEqualTo("LMQ_URL_WSS");
        Map<String, String> merged = ConfigSources.load(Map.of(),
                Map.of("LMQ_LIMIT_PAYLOAD_MAX_BYTES", "1024", "LMQ_SECRET_KEY", "s"));
        assertThat(merged).containsEntry("lmq.limit.payloadMaxBytes", "1024").containsEntry("lmq.secretKey", "s");
    }

    @Test
    void unknownKeysAreRefusedByName(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ConfigSources.load(Map.of("lmq.ulr", "x"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("lmq.ulr:");
        assertThatThrownBy(() -> ConfigSources.load(Map.of(), Map.of("LMQ_PROFLE", "x")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LMQ_PROFLE:");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "lmq.capability=slow\n");
        assertThatThrownBy(() -> ConfigSources.load(Map.of("lmq.config", file.toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("lmq.capability:");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ConfigSources.load(Map.of("lmq.config", "/nonexistent/x.properties"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("lmq.config:");
    }
}
