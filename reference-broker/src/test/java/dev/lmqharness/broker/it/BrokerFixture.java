package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.wire.RawMqttClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A fresh in-process broker on ephemeral ports for each test, plus the kit clients the test opened,
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

    /** Stops the broker and starts it again with the same configuration (and store directory). */
    void restart() {
        broker.stop();
        broker.start();
    }

    <T extends AutoCloseable> T closeAfterTest(T c) {
        opened.add(c);
        return c;
    }

    AppClient client(ClientKind kind, String clientId) {
        return closeAfterTest(KitClients.app(kind, KitClients.address(broker, Transport.TCP), clientId));
    }

    /** A client connected with the given cleanSession flag. */
    AppClient connected(ClientKind kind, String clientId, boolean cleanSession) {
        AppClient c = client(kind, clientId);
        KitClients.connect(c, cleanSession);
        return c;
    }

    RawMqttClient raw(String label) {
        return closeAfterTest(KitClients.raw(tcpPort(), label));
    }

    RawMqttClient rawConnected(String clientId, boolean cleanSession) {
        return closeAfterTest(KitClients.rawConnected(tcpPort(), clientId, cleanSession));
    }
}
