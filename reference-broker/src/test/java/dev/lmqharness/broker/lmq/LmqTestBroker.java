package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.admin.BrokerAdmin;
import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.LmqLimits;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An embedded reference broker in test mode (controllable clock) with one LMQ instance: Group ID
 * {@value #GROUP}, parent topics {@value #PARENT} and {@value #PARENT2}, AccessKey {@value #AK}
 * with SecretKey {@value #SK}. Everything else as configured through {@link Builder}.
 */
final class LmqTestBroker implements AutoCloseable {

    static final String GROUP = "GID_test";
    static final String PARENT = "parent1";
    static final String PARENT2 = "parent2";
    static final String AK = "AK1";
    static final String SK = "SK1";

    private static final AtomicInteger DEVICES = new AtomicInteger();

    private final ReferenceBroker broker;
    private final BrokerAdmin admin;

    private LmqTestBroker(ReferenceBroker broker) {
        this.broker = broker;
        this.admin = broker.admin().orElseThrow();
    }

    static Builder builder() {
        return new Builder();
    }

    static LmqTestBroker start() {
        return builder().start();
    }

    ReferenceBroker broker() {
        return broker;
    }

    BrokerAdmin admin() {
        return admin;
    }

    String instanceId() {
        return admin.instanceId();
    }

    Endpoint endpoint(Transport t) {
        int port = broker.port(t);
        if (port < 0) {
            throw new IllegalStateException(t + " listener is not running");
        }
        X509Certificate cert = t.secure() ? broker.serverCertificate().orElseThrow().certificate() : null;
        return new Endpoint(t, port, cert);
    }

    Endpoint tcp() {
        return endpoint(Transport.TCP);
    }

    int tcpPort() {
        return broker.port(Transport.TCP);
    }

    /** A fresh, valid Client ID of the instance's group. */
    static String newClientId() {
        return GROUP + "@@@" + "dev" + DEVICES.incrementAndGet();
    }

    /** A fresh topic under {@value #PARENT}. */
    static String newTopic() {
        return PARENT + "/t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A client of the given kind, connected (anonymous) and asserted accepted. */
    TestMqttClient connected(ClientKind kind, ConnectSpec spec) {
        TestMqttClient c = kind.create(tcp());
        ConnectResult r = c.connect(spec);
        if (!r.accepted()) {
            c.close();
            throw new AssertionError(kind + " CONNECT of " + spec.clientId() + " refused with " + r.returnCode());
        }
        return c;
    }

    TestMqttClient connected(ClientKind kind) {
        return connected(kind, ConnectSpec.of(newClientId()));
    }

    ControllableClock clock() {
        return admin.testClock().orElseThrow(() -> new IllegalStateException("broker not in test mode"));
    }

    /** Moves the broker's clock and applies the time-based rules at once. */
    void advance(Duration d) {
        clock().advance(d);
        admin.sweepNow();
    }

    @Override
    public void close() {
        broker.stop();
    }

    static final class Builder {
        private Profile profile = Profile.LMQ;
        private UnaryOperator<LmqLimits> limits = UnaryOperator.identity();
        private boolean anonymous = true;
        private List<Transport> extraTransports = List.of();
        private Path rocksDb;
        private List<String> parents = List.of(PARENT, PARENT2);

        Builder profile(Profile p) {
            this.profile = p;
            return this;
        }

        Builder limits(UnaryOperator<LmqLimits> l) {
            this.limits = l;
            return this;
        }

        Builder anonymousAllowed(boolean v) {
            this.anonymous = v;
            return this;
        }

        Builder alsoListenOn(Transport... t) {
            this.extraTransports = List.of(t);
            return this;
        }

        Builder rocksDb(Path dir) {
            this.rocksDb = dir;
            return this;
        }

        Builder parentTopics(List<String> p) {
            this.parents = new ArrayList<>(p);
            return this;
        }

        ReferenceBroker.Builder brokerBuilder() {
            LmqConfig lmq = LmqConfig.defaults()
                    .withGroups(List.of(GROUP))
                    .withParentTopics(parents)
                    .withAccessKeys(Map.of(AK, SK))
                    .withAnonymousAllowed(anonymous)
                    .withLimits(limits.apply(LmqLimits.defaults()));
            ReferenceBroker.Builder b = ReferenceBroker.builder().tcpPort(0).profile(profile).lmq(lmq).testMode();
            b = rocksDb == null ? b.inMemory() : b.rocksDb(rocksDb);
            for (Transport t : extraTransports) {
                b = switch (t) {
                    case TCP -> b;
                    case TLS -> b.tlsPort(0);
                    case WS -> b.wsPort(0);
                    case WSS -> b.wssPort(0);
                };
            }
            return b;
        }

        LmqTestBroker start() {
            return new LmqTestBroker(brokerBuilder().build().start());
        }
    }
}
