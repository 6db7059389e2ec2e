package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket transport below MQTT, driven with the JDK's own WebSocket client so that the
 * frames (sub-protocols, fragments, several packets per frame, text frames) are under the test's
 * control.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketHandshakeTest {

    /** CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client ID "c1". */
    private static final byte[] CONNECT = {0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x02, 'c', '1'};
    private static final byte[] PINGREQ = {(byte) 0xC0, 0x00};
    private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};
    private static final byte[] PINGRESP = {(byte) 0xD0, 0x00};

    @TempDir
    static Path dataDir;

    private static PingPongMqttInstaller mqtt;
    private static ListenerGroup listeners;
    private static Map<Transport, Integer> ports;
    private static HttpClient http;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        BrokerConfig config = TestConfigs.ephemeral(Transport.WS, Transport.WSS);
        mqtt = new PingPongMqttInstaller(config.mqtt().maxFrameBytes());
        listeners = new ListenerGroup(config, mqtt, dataDir, 1);
        ports = listeners.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(TestTls.sslContextTrusting(listeners.serverCertificate().orElseThrow().certificate()))
                .build();
    }

    @AfterAll
    static void stop() {
        if (listeners != null) {
            listeners.close();
        }
    }

    @BeforeEach
    void clear() {
        mqtt.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqttv3.1"})
    void acceptsMqttSubprotocols(String subprotocol) throws Exception {
        Collector collector = new Collector(CONNACK_ACCEPTED.length);
        WebSocket ws = http.newWebSocketBuilder().subprotocols(subprotocol)
                .buildAsync(wsUri(Transport.WS), collector).get(5, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo(subprotocol);
        ws.sendBinary(ByteBuffer.wrap(CONNECT), true);
        assertThat(collector.received.get(5, TimeUnit.SECONDS)).isEqualTo(CONNACK_ACCEPTED);
        ws.abort();
    }

    @Test
    void acceptsClientWithoutSubprotocol() throws Exception {
        Collector collector = new Collector(CONNACK_ACCEPTED.length);
        WebSocket ws = http.newWebSocketBuilder().buildAsync(wsUri(Transport.WS), collector).get(5, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEmpty();
        ws.sendBinary(ByteBuffer.wrap(CONNECT), true);
        assertThat(collector.received.get(5, TimeUnit.SECONDS)).isEqualTo(CONNACK_ACCEPTED);
        ws.abort();
    }

    @Test
    void packetSplitAcrossFragmentsIsReassembled() throws Exception {
        Collector collector = new Collector(CONNACK_ACCEPTED.length);
        WebSocket ws = http.newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(wsUri(Transport.WS), collector).get(5, TimeUnit.SECONDS);
        // a binary frame with FIN=0 followed by two continuation frames
        ws.sendBinary(ByteBuffer.wrap(CONNECT, 0, 3), false)
                .thenCompose(w -> w.sendBinary(ByteBuffer.wrap(CONNECT, 3, 7), false))
                .thenCompose(w -> w.sendBinary(ByteBuffer.wrap(CONNECT, 10, CONNECT.length - 10), true));
        assertThat(collector.received.get(5, TimeUnit.SECONDS)).isEqualTo(CONNACK_ACCEPTED);
        assertThat(mqtt.connects.get()).isEqualTo(1);
        ws.abort();
    }

    @Test
    void severalPacketsInOneFrameAreAllRead() throws Exception {
        Collector collector = new Collector(CONNACK_ACCEPTED.length + PINGRESP.length);
        WebSocket ws = http.newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(wsUri(Transport.WS), collector).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.allocate(CONNECT.length + PINGREQ.length).put(CONNECT).put(PINGREQ).flip(), true);
        assertThat(collector.received.get(5, TimeUnit.SECONDS))
                .isEqualTo(ByteBuffer.allocate(6).put(CONNACK_ACCEPTED).put(PINGRESP).array());
        ws.abort();
    }

    @Test
    void textFrameClosesWithUnsupportedData() throws Exception {
        Collector collector = new Collector(1);
        WebSocket ws = http.newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(wsUri(Transport.WS), collector).get(5, TimeUnit.SECONDS);
        ws.sendText("CONNECT", true);
        assertThat(collector.closeStatus.get(5, TimeUnit.SECONDS)).isEqualTo(1003);
        assertThat(mqtt.connects.get()).isZero();
    }

    @Test
    void secureWebSocketWithJdkClient() throws Exception {
        Collector collector = new Collector(CONNACK_ACCEPTED.length);
        WebSocket ws = https.newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(wsUri(Transport.WSS), collector).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(CONNECT), true);
        assertThat(collector.received.get(5, TimeUnit.SECONDS)).isEqualTo(CONNACK_ACCEPTED);
        ws.abort();
    }

    @Test
    void otherPathsGet404AndNeverReachMqtt() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.get(Transport.WS) + "/other"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/mqtt");
        assertThat(mqtt.connects.get()).isZero();
    }

    private static URI wsUri(Transport t) {
        return URI.create((t == Transport.WSS ? "wss" : "ws") + "://127.0.0.1:" + ports.get(t) + "/mqtt");
    }

    /** Collects binary data until {@code expected} bytes arrived; records the close status. */
    private static final class Collector implements WebSocket.Listener {
        final CompletableFuture<byte[]> received = new CompletableFuture<>();
        final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int expected;

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            bytes.writeBytes(chunk);
            if (bytes.size() >= expected) {
                received.complete(bytes.toByteArray());
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            received.completeExceptionally(new AssertionError("text frame from broker: " + data));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeStatus.complete(statusCode);
            received.completeExceptionally(new AssertionError("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeStatus.completeExceptionally(error);
            received.completeExceptionally(error);
        }
    }
}
