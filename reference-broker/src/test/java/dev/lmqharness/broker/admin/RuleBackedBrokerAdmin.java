package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.auth.TokenListener;
import dev.lmqharness.broker.auth.TokenService;
import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.events.OnlineStatusTracker;
import dev.lmqharness.broker.events.StatusEvent;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.LiveConnections;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.MessageIdGenerator;
import dev.lmqharness.broker.trace.DeliveryOutcome;
import dev.lmqharness.broker.trace.MessageTrace;
import dev.lmqharness.broker.trace.MessageTracer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin facade built from the broker's real rule objects (registry, token service on a
 * controllable clock, message tracer, live connections and online tracker, Prometheus registry),
 * without the MQTT side: tests drive "connections" and "publishes" through the same objects the
 * broker's handlers call.
 */
final class RuleBackedBrokerAdmin implements BrokerAdmin {

    record Channel(String channelId, String clientIp) {
    }

    record EndedToken(String token, TokenListener.Reason reason) {
    }

    static final String INSTANCE = "mqtt-admin-test";

    final ControllableClock clock;
    final LmqLimits limits;
    final InstanceRegistry registry;
    final TokenService tokens;
    final MessageTracer tracer;
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final LiveConnections<Channel> connections = new LiveConnections<>();
    final OnlineStatusTracker online = new OnlineStatusTracker();
    final List<EndedToken> endedTokens = new CopyOnWriteArrayList<>();
    final AtomicInteger sweeps = new AtomicInteger();
    private final MessageIdGenerator ids = new MessageIdGenerator(0);
    private final Counter published;
    private final boolean clockControllable;
    private final AtomicInteger channelSeq = new AtomicInteger();
    volatile RuntimeException scrapeFailure;

    RuleBackedBrokerAdmin(LmqLimits limits, boolean clockControllable) {
        this.clock = new ControllableClock(1_700_000_000_000L);
        this.limits = limits;
        this.clockControllable = clockControllable;
        this.registry = new InstanceRegistry(INSTANCE, limits);
        this.tokens = new TokenService(INSTANCE, limits, clock);
        this.tracer = new MessageTracer(1000, clock::nowMillis);
        this.published = Counter.builder("lmq.messages.published").description("messages accepted").register(meters);
        tokens.addListener((instanceId, token, reason) -> endedTokens.add(new EndedToken(token, reason)));
    }

    /** A client comes online the way the broker registers it: live connection plus connect event. */
    String connect(String clientId, String clientIp) {
        String channelId = "ch-" + channelSeq.incrementAndGet();
        Channel ch = new Channel(channelId, clientIp);
        connections.register(clientId, ch).ifPresent(older -> end(clientId, older));
        online.accept(new StatusEvent(EventType.CONNECT, clientId, channelId, clientIp, clock.nowMillis()));
        return channelId;
    }

    /** A message accepted from {@code publisherId}, delivered to each of {@code receivers}; @return its ID */
    String publish(String topic, String publisherId, String... receivers) {
        long id = ids.next();
        tracer.published(id, topic, 1, publisherId, clock.nowMillis());
        for (String r : receivers) {
            tracer.delivery(id, r, DeliveryOutcome.QUEUED);
            tracer.delivery(id, r, DeliveryOutcome.ACKNOWLEDGED);
        }
        published.increment();
        return MessageIdGenerator.format(id);
    }

    private void end(String clientId, Channel ch) {
        online.accept(new StatusEvent(EventType.TCPCLEAN, clientId, ch.channelId(), ch.clientIp(), clock.nowMillis()));
    }

    @Override
    public String instanceId() {
        return INSTANCE;
    }

    @Override
    public Profile profile() {
        return Profile.LMQ;
    }

    @Override
    public LmqLimits limits() {
        return limits;
    }

    @Override
    public InstanceRegistry registry() {
        return registry;
    }

    @Override
    public TokenService tokens() {
        return tokens;
    }

    @Override
    public ClientStatus clientStatus(String clientId) {
        Optional<Channel> ch = connections.current(clientId);
        boolean isOnline = online.isOnline(clientId);
        return new ClientStatus(clientId, isOnline, ch.map(Channel::channelId).orElse(null),
                ch.map(Channel::clientIp).orElse(null), isOnline, false, List.of(), 0);
    }

    @Override
    public boolean closeConnection(String clientId) {
        Optional<Channel> ch = connections.current(clientId);
        if (ch.isEmpty() || !connections.unregister(clientId, ch.get())) {
            return false;
        }
        end(clientId, ch.get());
        return true;
    }

    @Override
    public Optional<MessageTrace> trace(String messageId) {
        return tracer.find(messageId);
    }

    @Override
    public List<MessageTrace> recentTraces(String topic, String publisherId, int max) {
        return tracer.recent(topic, publisherId, max);
    }

    @Override
    public long queuedMessages() {
        return 0;
    }

    @Override
    public String scrapeMetrics() {
        RuntimeException failure = scrapeFailure;
        if (failure != null) {
            throw failure;
        }
        return meters.scrape();
    }

    @Override
    public Optional<ControllableClock> testClock() {
        return clockControllable ? Optional.of(clock) : Optional.empty();
    }

    @Override
    public long now() {
        return clock.nowMillis();
    }

    @Override
    public void sweepNow() {
        sweeps.incrementAndGet();
        tokens.sweepExpired();
    }
}
