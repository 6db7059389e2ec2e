package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.Transport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A fresh in-process broker on ephemeral ports for each test, plus the clients the test opened,
 * all closed after it. Use with {@code @RegisterExtension}.
 */
final class BrokerFixture implements BeforeEachCallback, AfterEachCallback {

    private final UnaryOperator<ReferenceBroker.Builder> builder;
    private final UnaryOperator<BrokerConfig> tweak;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ReferenceBroker broker;

    private BrokerFixture(UnaryOperator<ReferenceBroker.Builder> builder, UnaryOperator<BrokerConfig> tweak) {
        this.builder = builder;
        this.tweak = tweak;
    }

    /** TCP on an ephemeral port, in-memory store. */
    static BrokerFixture inMemoryTcp() {
        return new BrokerFixture(b -> b.tcpPort(0).inMemory(), c -> c);
    }

    static BrokerFixture of(UnaryOperator<ReferenceBroker.Builder> builder) {
        return new BrokerFixture(builder, c -> c);
    }

    /** Adjusts the built configuration, e.g. its MQTT limits. */
    BrokerFixture withConfig(UnaryOperator<BrokerConfig> t) {
        return new BrokerFixture(builder, c -> t.apply(tweak.apply(c)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BrokerConfig config = tweak.apply(builder.apply(ReferenceBroker.builder()).build().config());
        broker = ReferenceBroker.builder().config(config).build().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        opened.clear();
        broker.stop();
    }

    ReferenceBroker broker() {
        return broker;
    }

    int tcpPort() {
        return broker.port(Transport.TCP);
    }

    Endpoint tcp() {
        return Endpoint.tcp(tcpPort());
    }

    /** Stops the broker and starts it again with the same configuration (and store directory). */
    void restart() {
        broker.stop();
        broker.start();
    }

    <T extends AutoCloseable> T closeAfterTest(T c) {
        opened.add(c);
        return c;
    }

    TestClient client(ClientKind kind, String clientId) {
        return client(kind, tcp(), clientId);
    }

    TestClient client(ClientKind kind, Endpoint endpoint, String clientId) {
        return closeAfterTest(kind.create(endpoint, clientId));
    }

    /** A client connected with the given cleanSession flag. */
    TestClient connected(ClientKind kind, String clientId, boolean cleanSession) {
        TestClient c = client(kind, clientId);
        c.connect(cleanSession);
        return c;
    }

    RawMqttClient raw() throws IOException {
        return closeAfterTest(RawMqttClient.open(tcpPort()));
    }

    RawMqttClient rawConnected(String clientId, boolean cleanSession) throws IOException {
        return closeAfterTest(RawMqttClient.connected(tcpPort(), clientId, cleanSession));
    }
}
