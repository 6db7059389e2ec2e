package dev.lmqharness.broker.session;

import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.events.StatusEvent;
import dev.lmqharness.broker.events.StatusEventJson;

/**
 * Publishes the status events of {@link EventType} on the configured topic, as the broker itself
 * (publisher {@link #BROKER_PUBLISHER}). {@link ConnectFlow} says when.
 */
final class StatusEvents {

    /** Publisher ID of messages the broker itself publishes. */
    static final String BROKER_PUBLISHER = SessionManager.BROKER_PUBLISHER;

    private final ProfileRules rules;
    private final Publisher publisher;
    private final BrokerClock clock;

    StatusEvents(ProfileRules rules, Publisher publisher, BrokerClock clock) {
        this.rules = rules;
        this.publisher = publisher;
        this.clock = clock;
    }

    void publish(EventType type, String clientId, ClientConnection conn) {
        String topic = rules.statusTopic();
        if (topic.isEmpty() || conn == null) {
            return;
        }
        StatusEvent e = new StatusEvent(type, clientId, conn.channelId(), conn.remoteAddress(), clock.nowMillis());
        publisher.publish(BROKER_PUBLISHER, topic, 1, false, StatusEventJson.toJson(e));
    }
}
