package dev.lmqharness.suite.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class PreflightTest {

    @Test
    void refusedConnectionStopsTheRunWithOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TargetConfig c = TargetConfig.from(Map.of("lmq.url", "tcp://127.0.0.1:" + port, "lmq.timeoutSeconds", "3"));
        assertThatThrownBy(() -> Target.start(c)).isInstanceOf(TargetUnavailableException.class)
                .hasMessage("target tcp://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void refusedCredentialsStopTheRunWithOneLine() throws Exception {
        // A minimal server that answers any CONNECT with CONNACK 0x05.
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[256]);
                    s.getOutputStream().write(new byte[] {0x20, 0x02, 0x00, 0x05});
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client closed first
                }
            });
            t.setDaemon(true);
            t.start();
            TargetConfig c = TargetConfig.from(Map.of("lmq.url", "tcp://127.0.0.1:" + server.getLocalPort(),
                    "lmq.auth", "password", "lmq.username", "u", "lmq.password", "wrong", "lmq.timeoutSeconds", "3"));
            assertThatThrownBy(() -> Target.start(c)).isInstanceOf(TargetUnavailableException.class)
                    .hasMessage("target refused credentials: CONNACK 0x05");
        }
    }
}
