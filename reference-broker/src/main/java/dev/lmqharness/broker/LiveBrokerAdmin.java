package dev.lmqharness.broker;

import dev.lmqharness.broker.admin.BrokerAdmin;
import dev.lmqharness.broker.admin.ClientStatus;
import dev.lmqharness.broker.auth.TokenService;
import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.session.ProfileRules;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.session.SessionView;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.trace.MessageTrace;
import dev.lmqharness.broker.trace.MessageTracer;

import java.util.List;
import java.util.Optional;

/** {@link BrokerAdmin} over the running broker's own objects. */
final class LiveBrokerAdmin implements BrokerAdmin {

    private final BrokerConfig config;
    private final ProfileRules rules;
    private final SessionManager sessions;
    private final MessageTracer tracer;
    private final BrokerMetrics metrics;
    private final MessageStore store;
    private final BrokerClock clock;

    LiveBrokerAdmin(BrokerConfig config, ProfileRules rules, SessionManager sessions, MessageTracer tracer,
                    BrokerMetrics metrics, MessageStore store, BrokerClock clock) {
        this.config = config;
        this.rules = rules;
        this.sessions = sessions;
        this.tracer = tracer;
        this.metrics = metrics;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String instanceId() {
        return config.lmq().instanceId();
    }

    @Override
    public Profile profile() {
        return config.profile();
    }

    @Override
    public LmqLimits limits() {
        return config.lmq().limits();
    }

    @Override
    public InstanceRegistry registry() {
        return rules.registry();
    }

    @Override
    public TokenService tokens() {
        return rules.tokens();
    }

    @Override
    public ClientStatus clientStatus(String clientId) {
        Optional<SessionView> v = sessions.view(clientId);
        return v.map(s -> new ClientStatus(clientId, s.online(), s.channelId(), s.clientIp(), true, s.persistent(),
                        s.subscriptions(), s.queuedMessages()))
                .orElseGet(() -> new ClientStatus(clientId, false, null, null, false, false, List.of(), 0));
    }

    @Override
    public boolean closeConnection(String clientId) {
        return sessions.closeConnection(clientId);
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
        return store.queuedCount();
    }

    @Override
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    @Override
    public Optional<ControllableClock> testClock() {
        return clock instanceof ControllableClock c ? Optional.of(c) : Optional.empty();
    }

    @Override
    public long now() {
        return clock.nowMillis();
    }

    @Override
    public void sweepNow() {
        sessions.sweep();
    }
}
