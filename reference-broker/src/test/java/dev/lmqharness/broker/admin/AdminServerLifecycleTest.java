package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.AdminConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminServerLifecycleTest {

    /** The admin facade of a running embedded broker (its own admin server off), served by the servers under test. */
    private ReferenceBroker embedded;
    private BrokerAdmin broker;

    @BeforeEach
    void startBroker() {
        embedded = ReferenceBroker.builder().build().start();
        broker = embedded.admin().orElseThrow();
    }

    @AfterEach
    void stopBroker() {
        embedded.stop();
    }

    @Test
    void portZeroBindsAnEphemeralPortAndStopClosesIt() {
        AdminServer server = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, false), broker);
        assertThat(server.port()).isEqualTo(-1);
        assertThat(server.isRunning()).isFalse();
        server.start();
        int port = server.port();
        assertThat(port).isPositive();
        assertThat(server.start().port()).as("start is idempotent").isEqualTo(port);
        assertThat(new AdminHttp(port, server.token()).get("/api/v1/health").statusCode()).isEqualTo(200);

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThat(server.port()).isEqualTo(-1);
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        server.stop(); // idempotent
    }

    @Test
    void boundPortIsRefusedWithTheAddressInTheMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            AdminServer server = new AdminServer(new AdminConfig(true, "127.0.0.1", port, false), broker);
            assertThatThrownBy(server::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot bind the admin API to 127.0.0.1:" + port + ": ");
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void unknownHostIsRefused() {
        AdminServer server = new AdminServer(new AdminConfig(true, "no-such-host.invalid", 0, false), broker);
        assertThatThrownBy(server::start).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot bind the admin API to no-such-host.invalid:0: unknown host");
    }

    @Test
    void canRestartAfterStop() {
        try (AdminServer server = new AdminServer(new AdminConfig(true, "127.0.0.1", 0, false), broker)) {
            server.start();
            server.stop();
            server.start();
            assertThat(new AdminHttp(server.port(), server.token()).get("/api/v1/health").statusCode()).isEqualTo(200);
        }
    }
}
