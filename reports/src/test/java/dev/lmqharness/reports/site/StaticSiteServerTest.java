package dev.lmqharness.reports.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StaticSiteServerTest {

    @TempDir
    Path dir;

    @Test
    void servesFilesWithTheirTypesOnLoopbackAndNothingOutsideTheDirectory() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site/sub"));
        Files.writeString(dir.resolve("site/index.html"), "<h1>front</h1>");
        Files.writeString(site.resolve("data.json"), "{\"a\":1}");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (StaticSiteServer server = StaticSiteServer.start(dir.resolve("site"), 0)) {
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(server.url("")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).isEqualTo("<h1>front</h1>");
            assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(server.url("sub/data.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(http.send(HttpRequest.newBuilder(server.url("nope.html")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(404);
            assertThat(rawGet(server.port(), "/../secret.txt")).startsWith("HTTP/1.1 403").doesNotContain("secret\n");
            assertThat(rawGet(server.port(), "/sub/%2e%2e/%2e%2e/secret.txt")).startsWith("HTTP/1.1 403");
        }
    }

    /** A request line as a client that does not normalise paths would send it. */
    private static String rawGet(int port, String path) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
