package dev.lmqharness.reports.allure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllureResultsTest {

    @TempDir
    Path dir;

    @Test
    void gatheringCopiesResultsAndLeavesTheReportsOwnFilesBehind() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("1-result.json"), "{}");
        Files.writeString(a.resolve("1-container.json"), "{}");
        Files.writeString(a.resolve("x-attachment.txt"), "log");
        Files.writeString(a.resolve("environment.properties"), "target=first\n");
        Files.writeString(a.resolve("categories.json"), "[]");
        Files.createDirectories(a.resolve("history"));
        Files.writeString(b.resolve("2-result.json"), "{}");
        Files.writeString(b.resolve("environment.properties"), "target=second\n");

        Path staging = dir.resolve("staging");
        int n = AllureResultsStaging.gather(List.of(a, b), staging);

        assertThat(n).isEqualTo(2);
        try (var files = Files.list(staging)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "1-result.json", "1-container.json", "x-attachment.txt", "environment.properties", "2-result.json");
        }
        assertThat(AllureEnvironment.read(staging.resolve("environment.properties"))).containsEntry("target", "first");
        assertThatThrownBy(() -> AllureResultsStaging.gather(List.of(dir.resolve("missing")), dir.resolve("s2")))
                .hasMessageContaining("no Allure results directory at");
    }

    @Test
    void environmentKeepsTheSuitesLinesAndAddsVersions() throws IOException {
        Files.writeString(dir.resolve("environment.properties"), "target=tcp\\://h\\:1\nprofile=lmq\n");
        Map<String, String> env = new java.util.LinkedHashMap<>(AllureEnvironment.versions());
        env.put("broker.version", "mosquitto 2.0.11");
        AllureEnvironment.merge(dir, env);
        Map<String, String> read = AllureEnvironment.read(dir.resolve("environment.properties"));
        assertThat(read).containsEntry("target", "tcp://h:1").containsEntry("profile", "lmq")
                .containsEntry("broker.version", "mosquitto 2.0.11")
                .containsKeys("harness.version", "allure.version", "java.version");
        assertThat(read.get("allure.version")).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void historyOfThePreviousReportIsCarriedOverAndTheBuildNumberGrows() throws IOException {
        Path previous = Files.createDirectories(dir.resolve("report/history"));
        Files.writeString(previous.resolve("history.json"), "{}");
        Files.writeString(previous.resolve("history-trend.json"), "[{\"buildOrder\":7,\"data\":{}},{\"buildOrder\":6,\"data\":{}}]");
        Path results = dir.resolve("results");

        assertThat(AllureHistory.carryOver(dir.resolve("report"), results)).isTrue();
        assertThat(results.resolve("history/history.json")).exists();
        assertThat(AllureHistory.nextBuildOrder(results)).isEqualTo(8);
        assertThat(AllureHistory.carryOver(dir.resolve("none"), dir.resolve("r2"))).isFalse();
        assertThat(AllureHistory.nextBuildOrder(dir.resolve("r2"))).isEqualTo(1);
    }

    @Test
    void behaviourLinksPointAtTheMostTellingTestOfEachRule() throws IOException {
        Path data = Files.createDirectories(dir.resolve("report/data"));
        Files.writeString(data.resolve("behaviors.json"), """
                {"uid":"r","children":[
                  {"name":"connect","uid":"e","children":[
                    {"name":"MQTT-3.1.0-1","uid":"f","children":[
                      {"name":"s","uid":"s","children":[{"uid":"t1","parentUid":"s","status":"skipped"},{"uid":"t2","parentUid":"s","status":"passed"}]}]},
                    {"name":"MQTT-3.1.0-2","uid":"g","children":[
                      {"name":"s2","uid":"s2","children":[{"uid":"t3","parentUid":"s2","status":"passed"}]},
                      {"name":"s3","uid":"s3","children":[{"uid":"t4","parentUid":"s3","status":"broken"}]}]}]}]}
                """);
        assertThat(AllureBehaviorLinks.read(dir.resolve("report")))
                .containsEntry("MQTT-3.1.0-1", "#behaviors/s/t2/")
                .containsEntry("MQTT-3.1.0-2", "#behaviors/s3/t4/");
        assertThat(AllureBehaviorLinks.read(dir.resolve("nothing"))).isEmpty();
    }

    @Test
    void theCommandLineIsFoundOrNamedClearly() {
        assertThatThrownBy(() -> AllureCommandLine.locate(dir.resolve("no-allure")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Allure command line at");
    }
}
