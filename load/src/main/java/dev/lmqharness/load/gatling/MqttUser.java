package dev.lmqharness.load.gatling;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.lmqharness.load.core.DeliveryLedger;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.load.core.PayloadCodec;
import dev.lmqharness.load.core.SequenceTracker;
import dev.lmqharness.load.core.WallClock;
import dev.lmqharness.load.results.RunMetrics;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import scala.Option;
import scala.collection.immutable.List;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One virtual user's MQTT client and what it has seen, kept in the Gatling session
 * ({@link MqttComponents#USER_ATTRIBUTE}). Client callbacks run on the shared Netty threads; they
 * only record and never touch the session; actions hand the session back on its event loop.
 */
public final class MqttUser {

    private final MqttComponents mqtt;
    private final RunMetrics metrics;
    private final StatsEngine stats;
    private final String scenario;
    private final List<String> groups;
    private final String clientId;
    private final long clientNumber;
    private final long publisherId;
    private final DeliveryLedger.Receiver receiver;
    private final Mqtt3AsyncClient client;
    private final AtomicLong nextSequence = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong awaited = new AtomicLong();

    private volatile boolean connected;
    private volatile boolean closing;
    private volatile boolean published;
    private volatile boolean publishingEnded;
    private volatile String lastTopic;
    private volatile boolean connectByAction;
    private volatile long connectStartMillis = -1;
    private volatile long lostAtMillis = -1;
    private Waiter waiter; // guarded by this

    private record Waiter(long target, Runnable onReached) {
    }

    private MqttUser(MqttComponents mqtt, Session session, String clientId, long clientNumber) {
        this.mqtt = mqtt;
        this.metrics = mqtt.metrics();
        this.stats = mqtt.core().statsEngine();
        this.scenario = session.scenario();
        this.groups = session.groups();
        this.clientId = clientId;
        this.clientNumber = clientNumber;
        this.publisherId = mqtt.nextPublisherId();
        this.receiver = metrics.ledger().receiver(clientId);
        this.client = buildClient();
        client.publishes(MqttGlobalPublishFilter.ALL, this::onMessage);
    }

    static MqttUser create(MqttComponents mqtt, Session session, String clientId, long clientNumber) {
        return new MqttUser(mqtt, session, clientId, clientNumber);
    }

    /** The user of a session, if it has connected once. */
    public static Optional<MqttUser> of(Session session) {
        Option<Object> v = session.attributes().get(MqttComponents.USER_ATTRIBUTE);
        return v.isDefined() && v.get() instanceof MqttUser u ? Optional.of(u) : Optional.empty();
    }

    private Mqtt3AsyncClient buildClient() {
        MqttProtocol p = mqtt.protocol();
        BrokerAddress url = p.url();
        // Every transport setting goes into one transport configuration: TLS set on the client builder
        // next to a separate transport configuration is silently dropped.
        var transport = MqttClientTransportConfig.builder()
                .serverHost(url.host())
                .serverPort(url.port())
                .socketConnectTimeout(p.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(p.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (url.scheme().secure()) {
            transport = transport.sslConfig(mqtt.sslConfig());
        }
        if (url.scheme().websocket()) {
            transport = transport.webSocketConfig(MqttWebSocketConfig.builder()
                    .serverPath(url.path().startsWith("/") ? url.path().substring(1) : url.path())
                    .build());
        }
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3()
                .identifier(clientId)
                .executorConfig(mqtt.executorConfig())
                .transportConfig(transport.build());
        if (p.reconnect().enabled()) {
            b = b.automaticReconnect()
                    .initialDelay(p.reconnect().initialDelay().toMillis(), TimeUnit.MILLISECONDS)
                    .maxDelay(p.reconnect().maxDelay().toMillis(), TimeUnit.MILLISECONDS)
                    .applyAutomaticReconnect();
        }
        return b.addConnectedListener(ctx -> onConnected())
                .addDisconnectedListener(this::onDisconnected)
                .buildAsync();
    }

    public String clientId() {
        return clientId;
    }

    public long clientNumber() {
        return clientNumber;
    }

    public boolean connected() {
        return connected;
    }

    Mqtt3AsyncClient client() {
        return client;
    }

    DeliveryLedger.Receiver receiver() {
        return receiver;
    }

    long nextSequence() {
        return nextSequence.getAndIncrement();
    }

    long publisherId() {
        return publisherId;
    }

    void markPublished() {
        published = true;
    }

    /** This user will publish no more; receivers waiting for their publishers learn it (once). */
    synchronized void endPublishing() {
        if (published && !publishingEnded) {
            publishingEnded = true;
            metrics.ledger().publisherFinished(publisherId);
        }
    }

    /** Tells the ledger which topics this user publishes on (once per topic in a row). */
    void publishingOn(String topic) {
        if (!topic.equals(lastTopic)) {
            metrics.ledger().publishing(publisherId, topic);
            lastTopic = topic;
        }
    }

    void connectStarting(long startMillis) {
        connectByAction = true;
        connectStartMillis = startMillis;
        metrics.connectStarted(clientId, startMillis);
    }

    void connectFinished() {
        connectByAction = false;
    }

    /** Messages received so far (every arrival, duplicates included). */
    public long received() {
        return received.get();
    }

    /**
     * Reserves the next {@code n} arrivals for an expect action and returns the arrival count that
     * satisfies it; arrivals that came before the action still count, so a reply that overtakes
     * the expect is not missed.
     */
    long reserve(long n) {
        return awaited.addAndGet(n);
    }

    /** After an expect timed out: the next expect counts from the arrivals so far. */
    void resync() {
        awaited.set(received.get());
    }

    /** Runs {@code onReached} once {@code target} arrivals happened; true if already so (then it is not run). */
    synchronized boolean awaitReceived(long target, Runnable onReached) {
        if (received.get() >= target) {
            return true;
        }
        waiter = new Waiter(target, onReached);
        return false;
    }

    /** Drops a pending wait; true if it was still pending (so the caller owns the outcome). */
    synchronized boolean cancelWait(long target) {
        if (waiter != null && waiter.target == target) {
            waiter = null;
            return true;
        }
        return false;
    }

    private void onMessage(Mqtt3Publish publish) {
        long nowMicros = WallClock.nowMicros();
        Optional<PayloadCodec.Stamp> decoded = PayloadCodec.decode(publish.getPayload().orElse(null));
        if (decoded.isEmpty()) {
            metrics.ledger().foreignMessage();
        } else {
            PayloadCodec.Stamp s = decoded.get();
            if (receiver.received(s) != SequenceTracker.Outcome.DUPLICATE) {
                metrics.latencies().record("e2e.qos" + s.qos(), nowMicros - s.sentMicros());
                GatlingStats.ok(stats, scenario, groups, "e2e QoS" + s.qos(), s.sentMicros() / 1000, nowMicros / 1000);
            }
        }
        long n = received.incrementAndGet();
        Waiter reached = null;
        synchronized (this) {
            if (waiter != null && n >= waiter.target) {
                reached = waiter;
                waiter = null;
            }
        }
        if (reached != null) {
            reached.onReached.run();
        }
    }

    private void onConnected() {
        connected = true;
        metrics.clientConnected();
        long lost = lostAtMillis;
        lostAtMillis = -1;
        if (lost > 0 && !connectByAction) {
            long now = WallClock.nowMillis();
            metrics.count("reconnects");
            metrics.latencies().record("reconnect", (now - lost) * 1000);
            GatlingStats.ok(stats, scenario, groups, "reconnect", lost, now);
        }
    }

    private void onDisconnected(MqttClientDisconnectedContext ctx) {
        boolean was = connected;
        connected = false;
        if (was) {
            metrics.clientDisconnected();
        }
        if (closing || ctx.getSource() == MqttDisconnectSource.USER) {
            return;
        }
        long now = WallClock.nowMillis();
        if (was) {
            lostAtMillis = now;
            metrics.count("connectionLost");
            String cause = ctx.getCause() == null ? "closed"
                    : ctx.getCause().getClass().getSimpleName() + ": " + ctx.getCause().getMessage();
            GatlingStats.ko(stats, scenario, groups, "connection lost", now, now, ctx.getSource().name(), cause);
            long newer = metrics.lastConnectStart(clientId);
            if (connectStartMillis > 0 && newer > connectStartMillis) {
                // Another connection with this client ID took the session over (LMQ-CID-4).
                metrics.count("takeovers");
                metrics.latencies().record("takeover", Math.max(0, now - newer) * 1000);
                GatlingStats.ok(stats, scenario, groups, "takeover", Math.min(newer, now), now);
            }
        }
        if (ctx.getReconnector().isReconnect()) {
            // The automatic reconnect's CONNECT goes out after its delay; takeovers it causes are timed from then.
            long planned = now + ctx.getReconnector().getDelay(TimeUnit.MILLISECONDS);
            connectStartMillis = planned;
            metrics.connectStarted(clientId, planned);
        }
    }

    /** At the end of the virtual user: count it as a finished publisher and close the client. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        endPublishing();
        client.disconnect().exceptionally(e -> null);
    }
}
