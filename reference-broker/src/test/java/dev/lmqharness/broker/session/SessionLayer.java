package dev.lmqharness.broker.session;

import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.routing.RetainedMessages;
import dev.lmqharness.broker.routing.SubscriptionTree;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.store.MemoryMessageStore;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.trace.MessageTracer;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real session layer of the LMQ profile (its loops, rules, routing and in-memory stores),
 * wired as the broker wires it, minus the network: the tests drive it with
 * {@link RecordingConnection}s.
 */
final class SessionLayer implements AutoCloseable {

    static final String GROUP = "GID_session";
    static final Duration WAIT = Duration.ofSeconds(5);

    final SessionLoops loops = new SessionLoops(2);
    final MessageStore durable = new MemoryMessageStore();
    final ControllableClock clock = new ControllableClock(1_700_000_000_000L);
    final SessionManager sessions;
    final String statusTopic;

    SessionLayer() {
        LmqConfig lmq = LmqConfig.defaults().withGroups(List.of(GROUP)).withParentTopics(List.of("sensors"))
                .withAnonymousAllowed(true).withStatusReaderGroups(List.of(GROUP));
        statusTopic = lmq.statusTopic();
        sessions = new SessionManager(loops, new SubscriptionTree(), new RetainedMessages(durable), durable,
                new MemoryMessageStore(), MqttConfig.defaults(), new MessageIdAllocator(durable), clock,
                new ProfileRules(Profile.LMQ, lmq, clock), new MessageTracer(1000, clock::nowMillis), new BrokerMetrics());
    }

    /** Connects and waits for the CONNACK; @return the connection */
    RecordingConnection connect(String clientId, boolean cleanSession) {
        RecordingConnection c = new RecordingConnection();
        sessions.connect(c, new ConnectRequest(clientId, cleanSession, 60, null, null, null));
        await().atMost(WAIT).until(() -> !c.connAcks.isEmpty());
        assertThat(c.connAcks).containsExactly(0);
        return c;
    }

    /** Runs on the client's loop after everything queued there before, and waits for it. */
    void settle(String clientId) {
        try {
            loops.loopOf(clientId).submit(() -> null).get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        loops.shutdown();
    }
}
