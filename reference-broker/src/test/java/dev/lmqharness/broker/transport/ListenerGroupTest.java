package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListenerGroupTest {

    @TempDir
    Path dataDir;

    private final PingPongMqttInstaller mqtt = new PingPongMqttInstaller(256 * 1024);

    @Test
    void ephemeralPortsAreReportedAndAcceptConnections() throws Exception {
        try (ListenerGroup group = new ListenerGroup(TestConfigs.ephemeral(Transport.values()), mqtt, dataDir, 1)) {
            Map<Transport, Integer> ports = group.start();

            assertThat(ports).containsOnlyKeys(Transport.values());
            assertThat(ports.values()).allSatisfy(p -> assertThat(p).isBetween(1, 65535));
            assertThat(new HashSet<>(ports.values())).hasSize(4);
            assertThat(group.boundPorts()).isEqualTo(ports);
            for (int port : ports.values()) {
                assertThat(canConnect(port)).as("port %d accepts", port).isTrue();
            }
        }
    }

    @Test
    void onlyEnabledListenersAreBound() {
        try (ListenerGroup group = new ListenerGroup(TestConfigs.ephemeral(Transport.WS), mqtt, dataDir, 1)) {
            assertThat(group.start()).containsOnlyKeys(Transport.WS);
            // no TLS listener: no certificate is made or written
            assertThat(group.serverCertificate()).isEmpty();
            assertThat(dataDir.resolve(SslContextFactory.SELF_SIGNED_DIR)).doesNotExist();
        }
    }

    @Test
    void busyPortFailsWithTransportHostAndPort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            BrokerConfig config = TestConfigs.ephemeral(Transport.TCP, Transport.TLS)
                    .withListener(ListenerConfig.defaults(Transport.TLS).withHost("127.0.0.1").withPort(port));
            ListenerGroup group = new ListenerGroup(config, mqtt, dataDir, 1);

            assertThatThrownBy(group::start)
                    .isInstanceOf(ListenerBindException.class)
                    .hasMessageStartingWith("cannot bind the tls listener to 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("in use")
                    .satisfies(e -> {
                        ListenerBindException b = (ListenerBindException) e;
                        assertThat(b.transport()).isEqualTo(Transport.TLS);
                        assertThat(b.port()).isEqualTo(port);
                    });
            // the TCP listener bound before the failure was released again
            assertThat(group.boundPorts()).isEmpty();
            assertThat(group.workerGroup()).isNull();
        }
    }

    @Test
    void unresolvableHostFailsWithItsName() {
        BrokerConfig config = TestConfigs.ephemeral()
                .withListener(ListenerConfig.defaults(Transport.TCP).withHost("no-such-host.invalid").withPort(0));
        ListenerGroup group = new ListenerGroup(config, mqtt, dataDir, 1);
        assertThatThrownBy(group::start)
                .isInstanceOf(ListenerBindException.class)
                .hasMessageStartingWith("cannot bind the tcp listener to no-such-host.invalid:0");
    }

    @Test
    void closeReleasesPortsAndDropsConnections() throws Exception {
        ListenerGroup group = new ListenerGroup(TestConfigs.ephemeral(Transport.TCP), mqtt, dataDir, 1);
        int port = group.start().get(Transport.TCP);
        AppClient client = KitClients.app(ClientKind.HIVEMQ, BrokerAddress.loopback(Scheme.TCP, port), "close-test");
        KitClients.connect(client, true);
        assertThat(client.isConnected()).isTrue();

        long started = System.nanoTime();
        group.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));

        assertThat(group.boundPorts()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
        client.close();
        assertThat(canConnect(port)).isFalse();
        // the same port can be bound again at once
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        group.close(); // idempotent
    }

    @Test
    void cannotStartTwice() {
        try (ListenerGroup group = new ListenerGroup(TestConfigs.ephemeral(Transport.TCP), mqtt, dataDir, 1)) {
            group.start();
            assertThatThrownBy(group::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void setsTransportAttributeBeforeMqttHandlers() throws Exception {
        java.util.concurrent.CompletableFuture<Transport> seen = new java.util.concurrent.CompletableFuture<>();
        MqttPipelineInstaller probe = pipeline -> seen.complete(pipeline.channel().attr(TransportAttributes.TRANSPORT).get());
        try (ListenerGroup group = new ListenerGroup(TestConfigs.ephemeral(Transport.TCP), probe, dataDir, 1)) {
            int port = group.start().get(Transport.TCP);
            assertThat(canConnect(port)).isTrue();
            assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(Transport.TCP);
        }
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
