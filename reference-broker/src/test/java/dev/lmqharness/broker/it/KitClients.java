package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppClients;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.AppMessage;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.ExchangeLog;
import dev.lmqharness.kit.wire.RawMqttClient;

import javax.net.ssl.TrustManagerFactory;
import java.time.Duration;

/**
 * The broker's socket tests reach the broker through the harness kit's clients; this only maps the
 * broker's listeners to kit addresses and asserts the outcomes these tests build on.
 */
public final class KitClients {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KitClients() {
    }

    public static Scheme scheme(Transport t) {
        return switch (t) {
            case TCP -> Scheme.TCP;
            case TLS -> Scheme.SSL;
            case WS -> Scheme.WS;
            case WSS -> Scheme.WSS;
        };
    }

    public static BrokerAddress address(ReferenceBroker broker, Transport t) {
        int port = broker.port(t);
        if (port <= 0) {
            throw new IllegalStateException(t + " listener is not bound");
        }
        return BrokerAddress.loopback(scheme(t), port);
    }

    public static AppClient app(ClientKind kind, BrokerAddress ep, String clientId) {
        return AppClients.create(kind, ep, clientId, new ExchangeLog(), kind + " " + clientId, TIMEOUT);
    }

    /** A client that trusts exactly {@code trust} and checks the host name over TLS. */
    public static AppClient app(ClientKind kind, BrokerAddress ep, String clientId, TrustManagerFactory trust) {
        return AppClients.create(kind, ep, clientId, new ExchangeLog(), kind + " " + clientId, TIMEOUT, trust);
    }

    /** Connects anonymously; the broker must accept. Returns CONNACK's session-present flag. */
    public static boolean connect(AppClient c, boolean cleanSession) {
        ConnectOutcome o = c.connect(new AppConnectOptions(cleanSession, 60, UserPass.NONE, null));
        if (!o.accepted()) {
            throw new AssertionError(c.kind() + " " + c.clientId() + ": CONNECT not accepted: " + o);
        }
        return o.sessionPresent();
    }

    /** The next message; failing when none arrives within {@link #TIMEOUT}. */
    public static AppMessage next(AppClient c) {
        AppMessage m = c.nextMessage(TIMEOUT);
        if (m == null) {
            throw new AssertionError(c.kind() + " " + c.clientId() + ": no message within " + TIMEOUT.toSeconds() + " s");
        }
        return m;
    }

    public static RawMqttClient raw(int tcpPort, String label) {
        return RawMqttClient.open(BrokerAddress.loopback(Scheme.TCP, tcpPort), new ExchangeLog(), label, TIMEOUT);
    }

    public static RawMqttClient rawConnected(int tcpPort, String clientId, boolean cleanSession) {
        RawMqttClient c = raw(tcpPort, clientId);
        c.connectAccepted(spec(clientId, cleanSession), TIMEOUT);
        return c;
    }

    public static ConnectSpec spec(String clientId, boolean cleanSession) {
        return new ConnectSpec(clientId, cleanSession, 60, UserPass.NONE, null);
    }
}
