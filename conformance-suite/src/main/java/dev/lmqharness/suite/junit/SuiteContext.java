package dev.lmqharness.suite.junit;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppClients;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.kit.client.LocallyRefusedException;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.suite.broker.Naming;
import dev.lmqharness.suite.broker.Target;
import dev.lmqharness.suite.broker.TargetAdmin;
import dev.lmqharness.suite.broker.TargetClock;
import dev.lmqharness.suite.broker.TargetProfile;
import dev.lmqharness.suite.junit.Reasons;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.ExchangeLog;
import dev.lmqharness.kit.wire.RawMqttClient;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a conformance test works with: the target, its own topic space, clients that are closed
 * after the test, and the exchange log. Sessions and retained messages the test leaves behind are
 * cleaned up so a shared broker keeps nothing of the run.
 */
public final class SuiteContext implements AutoCloseable {
    private final Target target;
    private final ExchangeLog log = new ExchangeLog();
    private final Naming.TopicSpace topics;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final Set<String> persistentClientIds = new LinkedHashSet<>();
    private final Set<String> retainedTopics = new LinkedHashSet<>();
    private final AtomicInteger labels = new AtomicInteger();

    SuiteContext(Target target) {
        this.target = target;
        this.topics = target.naming().newTopicSpace();
    }

    public Target target() {
        return target;
    }

    public Limits limits() {
        return target.limits();
    }

    /** Bound for anything that should happen "now" (an acknowledgement, a delivery). */
    public Duration timeout() {
        return target.config().timeout();
    }

    /** How long the suite watches for something that must not happen. */
    public Duration quiet() {
        return target.config().quiet();
    }

    /**
     * The QoS for an ordinary delivery a test builds on: 1, or 0 on the Lite edition, which offers
     * QoS 0 only (LMQ-ED-1).
     */
    public int deliveryQos() {
        return target.profile() == TargetProfile.LITE ? 0 : 1;
    }

    /** Whether the target's profile has wildcard subscriptions (Lite has none, LMQ-ED-1). */
    public boolean wildcards() {
        return target.profile() != TargetProfile.LITE;
    }

    /** Skips a test that cannot run without wildcard subscriptions. */
    public void requireWildcards() {
        if (!wildcards()) {
            skip(Reasons.LITE_NO_WILDCARDS);
        }
    }

    public ExchangeLog log() {
        return log;
    }

    public Naming.TopicSpace topics() {
        return topics;
    }

    public String clientId() {
        return target.naming().clientId();
    }

    public void note(String text) {
        log.note(text);
    }

    // ---- raw clients ---------------------------------------------------------------------

    /** A raw connection to the target's main endpoint, nothing sent yet. */
    public RawMqttClient raw() {
        return raw(target.endpoint());
    }

    public RawMqttClient raw(BrokerAddress ep) {
        RawMqttClient c = RawMqttClient.open(ep, log, "raw" + labels.incrementAndGet(), timeout());
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** A well-formed CONNECT for a new client ID with the target's credentials (clean session). */
    public ConnectSpec connectSpec() {
        return connectSpec(clientId());
    }

    public ConnectSpec connectSpec(String clientId) {
        return new ConnectSpec(clientId, true, 60, target.credentialsFor(clientId), null);
    }

    /** A raw client already connected (CONNACK 0) with a clean session. */
    public RawMqttClient rawConnected() {
        return rawConnected(connectSpec());
    }

    public RawMqttClient rawConnected(ConnectSpec spec) {
        RawMqttClient c = raw();
        if (!spec.cleanSession()) {
            persistent(spec.clientId());
        }
        c.connectAccepted(spec, timeout());
        return c;
    }

    // ---- application clients -------------------------------------------------------------

    public AppClient app(ClientKind kind) {
        return app(kind, clientId());
    }

    public AppClient app(ClientKind kind, String clientId) {
        AppClient c;
        try {
            c = AppClients.create(kind, target.endpoint(), clientId, log, kind.name().toLowerCase() + labels.incrementAndGet(), timeout());
        } catch (LocallyRefusedException e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    public AppConnectOptions appOptions(AppClient c, boolean cleanSession) {
        return new AppConnectOptions(cleanSession, 60, target.credentialsFor(c.clientId()), null);
    }

    /** Connects and requires acceptance. */
    public ConnectOutcome connect(AppClient c, boolean cleanSession) {
        return connect(c, appOptions(c, cleanSession));
    }

    public ConnectOutcome connect(AppClient c, AppConnectOptions o) {
        if (!o.cleanSession()) {
            persistent(c.clientId());
        }
        ConnectOutcome out = c.connect(o);
        if (!out.accepted()) {
            throw new AssertionError(c.clientId() + " was not accepted: " + out);
        }
        return out;
    }

    /** A connected application client with a clean session. */
    public AppClient appConnected(ClientKind kind) {
        AppClient c = app(kind);
        connect(c, true);
        return c;
    }

    /** The target's admin API; skips the test where the target has none. */
    public TargetAdmin admin() {
        return target.admin().orElseGet(() -> {
            skip(target.lacks(Capability.ADMIN_API));
            return null;
        });
    }

    /** The target's test clock; skips the test where the target has none. */
    public TargetClock clock() {
        return target.clock().orElseGet(() -> {
            skip(target.lacks(Capability.CLOCK_CONTROL));
            return null;
        });
    }

    /** An application client on a given endpoint (transport tests). */
    public AppClient app(ClientKind kind, String clientId, BrokerAddress ep) {
        AppClient c;
        try {
            c = AppClients.create(kind, ep, clientId, log, kind.name().toLowerCase() + labels.incrementAndGet(), timeout());
        } catch (LocallyRefusedException e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** Connects without requiring acceptance; a local refusal by the client library becomes null. */
    public ConnectOutcome tryConnect(ClientKind kind, String clientId, boolean cleanSession) {
        AppClient c;
        try {
            c = AppClients.create(kind, target.endpoint(), clientId, log, kind.name().toLowerCase() + labels.incrementAndGet(), timeout());
        } catch (LocallyRefusedException e) {
            return null;
        }
        synchronized (clients) {
            clients.add(c);
        }
        if (!cleanSession) {
            persistent(clientId);
        }
        try {
            return c.connect(new AppConnectOptions(cleanSession, 60, target.credentialsFor(clientId), null));
        } catch (LocallyRefusedException e) {
            return null;
        }
    }

    // ---- cleanup bookkeeping -------------------------------------------------------------

    /** This client ID leaves a persistent session: discard it after the test. */
    public void persistent(String clientId) {
        persistentClientIds.add(clientId);
    }

    /** A retained message was set on this topic: clear it after the test. */
    public void retained(String topic) {
        retainedTopics.add(topic);
    }

    /** Aborts (skips) the test with a reason, e.g. when the target's behaviour makes it inconclusive. */
    public void skip(String reason) {
        log.note("skipped: " + reason);
        Assumptions.abort(reason);
    }

    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (clients) {
            all = new ArrayList<>(clients);
            clients.clear();
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                log.note("closing a client failed: " + e);
            }
        }
        cleanup();
    }

    private void cleanup() {
        if (retainedTopics.isEmpty() && persistentClientIds.isEmpty()) {
            return;
        }
        ExchangeLog cleanupLog = new ExchangeLog();
        try (RawMqttClient c = RawMqttClient.open(target.endpoint(), cleanupLog, "cleanup", timeout())) {
            String id = clientId();
            c.connectAccepted(new ConnectSpec(id, true, 30, target.credentialsFor(id), null), timeout());
            for (String t : retainedTopics) {
                c.publish(t, 0, true, new byte[0], timeout());
            }
            c.disconnect();
        } catch (RuntimeException | AssertionError e) {
            log.note("cleanup of retained messages failed: " + e.getMessage());
        }
        for (String id : persistentClientIds) {
            try (RawMqttClient c = RawMqttClient.open(target.endpoint(), cleanupLog, "cleanup", timeout())) {
                c.connect(new ConnectSpec(id, true, 30, target.credentialsFor(id), null), timeout());
                c.disconnect();
            } catch (RuntimeException | AssertionError e) {
                log.note("cleanup of session " + id + " failed: " + e.getMessage());
            }
        }
    }
}
