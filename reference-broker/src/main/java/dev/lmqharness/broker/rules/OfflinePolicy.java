package dev.lmqharness.broker.rules;

import dev.lmqharness.broker.clock.BrokerClock;

import java.util.Objects;

/**
 * Offline messages.
 * <ul>
 *   <li>LMQ-OFF-1: kept only for a QoS1 subscription with cleanSession=false (the cell of
 *       {@link QosSessionPolicy}), for at most 3 days (configurable), then deleted. A message
 *       accepted at {@code t} is expired from {@code t + retention} on, inclusive.</li>
 *   <li>a message pushed but not acknowledged stays queued until its PUBACK and counts as an
 *       offline message once its client is gone (see {@code Outbox}).</li>
 *   <li>LMQ-OFF-3: at most 1,000,000 offline messages per instance (configurable); beyond that
 *       the oldest are deleted first. This class says how many; the store picks the oldest.</li>
 * </ul>
 * Time comes from the {@link BrokerClock}, so tests cross 3 days instantly.
 */
public final class OfflinePolicy {
    public static final String RETENTION = "LMQ-OFF-1";
    public static final String CAP = "LMQ-OFF-3";


    private final BrokerClock clock;
    private final QosSessionPolicy qos;
    private final long retentionMillis;
    private final long maxOffline;

    public OfflinePolicy(LmqLimits limits, BrokerClock clock, QosSessionPolicy qos) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.qos = Objects.requireNonNull(qos, "qos");
        this.retentionMillis = limits.offlineRetention().toMillis();
        this.maxOffline = limits.maxOfflineMessages();
    }

    /** LMQ-OFF-1: does a message for this subscription wait while the client is offline? */
    public boolean keepsOffline(int subscriptionQos, boolean cleanSession) {
        return qos.cell(subscriptionQos, cleanSession).keepsOfflineMessages();
    }

    /** {@link QosSessionPolicy}: does a P2P message wait for its offline target? */
    public boolean keepsOfflineP2p(int messageQos, boolean receiverCleanSession) {
        return qos.p2pCell(messageQos, receiverCleanSession).keepsOfflineMessages();
    }

    /**
     * LMQ-OFF-1: the argument for {@code MessageStore.expireBefore}: every message accepted
     * strictly before this instant is expired now.
     */
    public long expireBeforeMillis() {
        return clock.nowMillis() - retentionMillis + 1;
    }

    /** LMQ-OFF-3: how many oldest messages to evict so the instance is back at its cap. */
    public long evictionCount(long storedCount) {
        return Math.max(0, storedCount - maxOffline);
    }
}
