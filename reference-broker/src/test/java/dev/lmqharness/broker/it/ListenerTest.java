package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.TlsConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
@DisplayName("Listeners: TCP, TLS, WebSocket, WebSocket over TLS")
class ListenerTest {

    @TempDir
    static Path tmp;

    /** Started once for the class: generating certificates and binding four listeners is the slow part. */
    static ReferenceBroker selfSigned;
    static ReferenceBroker fromKeyStore;
    static ReferenceBroker fromPem;
    static TestCertificates certs;

    @BeforeAll
    static void startBrokers() throws Exception {
        certs = TestCertificates.create(tmp);
        selfSigned = allListeners(c -> c.withTls(TlsConfig.selfSignedDefault()));
        fromKeyStore = allListeners(c -> c.withTls(
                new TlsConfig(certs.keyStore().toString(), certs.keyStorePassword(), "PKCS12", null, null, false)));
        fromPem = allListeners(c -> c.withTls(
                new TlsConfig(null, null, null, certs.certPem().toString(), certs.keyPem().toString(), false)));
    }

    @AfterAll
    static void stopBrokers() {
        for (ReferenceBroker b : new ReferenceBroker[]{selfSigned, fromKeyStore, fromPem}) {
            if (b != null) {
                b.stop();
            }
        }
    }

    /** Every listener on an ephemeral port, in-memory store, certificate as given. */
    private static ReferenceBroker allListeners(UnaryOperator<BrokerConfig> tls) {
        BrokerConfig c = ReferenceBroker.builder().tcpPort(0).tlsPort(0).wsPort(0).wssPort(0).inMemory().build().config();
        return ReferenceBroker.builder().config(tls.apply(c)).build().start();
    }

    static Stream<Arguments> clientsAndTransports() {
        List<Arguments> out = new ArrayList<>();
        for (ClientKind k : ClientKind.values()) {
            for (Transport t : Transport.values()) {
                out.add(Arguments.of(k, t));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> clientsAndSecureTransports() {
        return clientsAndTransports().filter(a -> ((Transport) a.get()[1]).secure());
    }

    @Test
    @DisplayName("Defaults: TCP 1883 on, TLS 8883, WebSocket 8083 and WSS 8084 at path /mqtt")
    void defaultPorts() {
        BrokerConfig d = BrokerConfig.defaults();
        assertThat(d.listener(Transport.TCP).port()).isEqualTo(1883);
        assertThat(d.listener(Transport.TCP).enabled()).isTrue();
        assertThat(d.listener(Transport.TLS).port()).isEqualTo(8883);
        assertThat(d.listener(Transport.WS).port()).isEqualTo(8083);
        assertThat(d.listener(Transport.WSS).port()).isEqualTo(8084);
        assertThat(d.listener(Transport.WS).path()).isEqualTo("/mqtt");
        assertThat(d.listener(Transport.WSS).path()).isEqualTo("/mqtt");
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("clientsAndTransports")
    @DisplayName("Port 0 binds an ephemeral port per listener, reported by the broker, and each carries MQTT (self-signed dev certificate)")
    void everyListenerOnAnEphemeralPort(ClientKind kind, Transport transport) {
        ReferenceBroker broker = selfSigned;
        {
            Map<Transport, Integer> ports = broker.boundPorts();
            assertThat(ports).containsOnlyKeys(Transport.values());
            assertThat(ports.values()).allSatisfy(p -> assertThat(p).isPositive());
            assertThat(new HashSet<>(ports.values())).hasSize(4);

            try (AppClient sub = KitClients.app(kind, KitClients.address(broker, transport), "sub-" + kind.name() + transport);
                 AppClient pub = KitClients.app(kind, KitClients.address(broker, Transport.TCP), "pub-" + kind.name() + transport)) {
                KitClients.connect(sub, true);
                KitClients.connect(pub, true);
                String topic = "net/" + kind.name() + "/" + transport;
                sub.subscribe(topic, 1);
                pub.publish(topic, utf8("over " + transport), 1, false);
                assertThat(KitClients.next(sub).text()).isEqualTo("over " + transport);
                sub.publish(topic + "/back", utf8("from " + transport), 2, false); // and the other direction
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("Each listener can be turned off on its own: the others run, it is not bound")
    void listenerCanBeTurnedOff(Transport off) {
        BrokerConfig c = ReferenceBroker.builder().tcpPort(0).tlsPort(0).wsPort(0).wssPort(0).inMemory().build().config();
        c = c.withListener(c.listener(off).withEnabled(false));
        try (ReferenceBroker broker = ReferenceBroker.builder().config(c).build().start()) {
            assertThat(broker.port(off)).isEqualTo(-1);
            assertThat(broker.boundPorts()).doesNotContainKey(off).hasSize(3);
            Transport on = off == Transport.TCP ? Transport.WS : Transport.TCP;
            try (AppClient client = KitClients.app(ClientKind.HIVEMQ, KitClients.address(broker, on), "still-on")) {
                KitClients.connect(client, true);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @DisplayName("A listener can be moved to a chosen port")
    void listenerCanBeMoved(Transport t) throws Exception {
        int chosen;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            chosen = probe.getLocalPort();
        }
        BrokerConfig c = ReferenceBroker.builder().tcpPort(t == Transport.TCP ? chosen : 0).inMemory().build().config();
        if (t != Transport.TCP) {
            c = c.withListener(ListenerConfig.defaults(t).withHost("127.0.0.1").withPort(chosen));
        }
        try (ReferenceBroker broker = ReferenceBroker.builder().config(c).build().start();
             AppClient client = KitClients.app(ClientKind.PAHO, BrokerAddress.loopback(KitClients.scheme(t), chosen), "moved")) {
            assertThat(broker.port(t)).isEqualTo(chosen);
            KitClients.connect(client, true);
            assertThat(client.isConnected()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("clientsAndSecureTransports")
    @DisplayName("TLS from a configured PKCS12 key store: clients trusting exactly that certificate connect, with host-name checks")
    void tlsFromKeyStore(ClientKind kind, Transport transport) throws Exception {
        assertConnectsTrusting(fromKeyStore, kind, transport);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("clientsAndSecureTransports")
    @DisplayName("TLS from a configured PEM certificate and key: clients trusting exactly that certificate connect")
    void tlsFromPem(ClientKind kind, Transport transport) throws Exception {
        assertConnectsTrusting(fromPem, kind, transport);
    }

    private static void assertConnectsTrusting(ReferenceBroker broker, ClientKind kind, Transport transport)
            throws Exception {
        X509Certificate served = peerCertificate(broker.port(transport));
        assertThat(served).isEqualTo(certs.certificate());
        try (AppClient c = KitClients.app(kind, KitClients.address(broker, transport), "tls-" + kind.name() + transport, certs.trust())) {
            KitClients.connect(c, true);
            String topic = "tls/" + kind.name() + "/" + transport;
            c.subscribe(topic, 1);
            c.publish(topic, utf8("secret"), 1, false);
            assertThat(KitClients.next(c).text()).isEqualTo("secret");
        }
    }

    @Test
    @DisplayName("For development a self-signed certificate is generated when none is configured")
    void selfSignedForDevelopment() throws Exception {
        X509Certificate tlsCert = peerCertificate(selfSigned.port(Transport.TLS));
        X509Certificate wssCert = peerCertificate(selfSigned.port(Transport.WSS));
        assertThat(tlsCert.getSubjectX500Principal()).isEqualTo(tlsCert.getIssuerX500Principal());
        tlsCert.verify(tlsCert.getPublicKey()); // signed by its own key
        assertThat(wssCert).as("one certificate for both secure listeners").isEqualTo(tlsCert);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Trusts any certificate: only to read what a listener presents. */
    private static SSLContext trustAny() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        return ctx;
    }

    /** The certificate a TLS listener presents, read with a trust-all handshake. */
    private static X509Certificate peerCertificate(int port) throws Exception {
        try (SSLSocket s = (SSLSocket) trustAny().getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(5_000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    static Stream<Arguments> handshakes() {
        return Stream.of(
                Arguments.of("/mqtt", "mqtt", true),
                Arguments.of("/other", "mqtt", false),
                Arguments.of("/", "mqtt", false));
    }

    @ParameterizedTest(name = "path {0}, subprotocol {1}")
    @MethodSource("handshakes")
    @DisplayName("WebSocket: upgrade only at path /mqtt, answering subprotocol 'mqtt'")
    void webSocketPathAndSubprotocol(String path, String subprotocol, boolean upgraded) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", selfSigned.port(Transport.WS)), 5_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            List<String> headers = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.add(line.toLowerCase(java.util.Locale.ROOT));
            }
            if (upgraded) {
                assertThat(status).startsWith("HTTP/1.1 101");
                assertThat(headers).contains("sec-websocket-protocol: mqtt");
            } else {
                assertThat(status).as("status for %s", path).isNotNull().doesNotStartWith("HTTP/1.1 101");
            }
        }
    }
}
