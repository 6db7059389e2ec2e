package dev.lmqharness.broker.admin;

import dev.lmqharness.broker.auth.TokenService;
import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.rules.InstanceRegistry;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.trace.MessageTrace;

import java.util.List;
import java.util.Optional;

/** What the admin HTTP API may see and do in a running broker. Implemented by the broker itself. */
public interface BrokerAdmin {

    String instanceId();

    Profile profile();

    LmqLimits limits();

    /** Group IDs, parent topics and access keys ({@code GroupIdRules}, {@code TopicRules}, {@link InstanceRegistry}). */
    InstanceRegistry registry();

    /** ApplyToken / QueryToken / RevokeToken ({@link TokenService}). */
    TokenService tokens();

    ClientStatus clientStatus(String clientId);

    /** Closes the client's network connection, as a kick would (a tcpclean event). @return whether one was open */
    boolean closeConnection(String clientId);

    /** {@code MessageIdGenerator}: the trace of a message by its ID (16 hex digits). */
    Optional<MessageTrace> trace(String messageId);

    /** The newest traces, optionally of one topic and/or publisher. */
    List<MessageTrace> recentTraces(String topic, String publisherId, int max);

    /** Offline/queued messages held by the instance ({@code OfflinePolicy}). */
    long queuedMessages();

    /** Prometheus text exposition of the broker's metrics. */
    String scrapeMetrics();

    /** Present only in test mode: the clock the tests may advance. */
    Optional<ControllableClock> testClock();

    /** The broker's current time (ms). */
    long now();

    /**
     * Applies time-based rules now (offline expiry {@code OfflinePolicy}, token expiry {@link TokenService}) instead of
     * at the next periodic sweep; the test clock endpoint calls it after advancing.
     */
    void sweepNow();
}
