package dev.lmqharness.broker.session;

import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.rules.PublishVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client's PUBLISH and its QoS flow as the publisher sees it; runs on the publisher's loop. */
final class InboundPublishes {

    private static final Logger log = LoggerFactory.getLogger(InboundPublishes.class);

    private final Sessions sessions;
    private final ProfileRules rules;
    private final Publisher publisher;
    private final BrokerMetrics metrics;

    InboundPublishes(Sessions sessions, ProfileRules rules, Publisher publisher, BrokerMetrics metrics) {
        this.sessions = sessions;
        this.rules = rules;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    void onPublish(ClientConnection conn, String clientId, String topic, int qos, boolean retain, int packetId,
                   byte[] payload) {
        Session s = sessions.current(conn, clientId);
        if (s == null) {
            return;
        }
        PublishVerdict v = rules.checkPublish(topic, payload.length, s.permissions);
        if (v.closesConnection()) {
            log.debug("closing {}: {} {}", clientId, v.ruleId(), v.reason());
            metrics.discarded();
            conn.close();
            return;
        }
        boolean deliver = v.delivers();
        if (!deliver) {
            metrics.discarded(); // acknowledged per its QoS, delivered to no one (see PayloadLimit)
        }
        switch (qos) {
            case 0 -> {
                if (deliver) {
                    publisher.publish(clientId, topic, 0, retain, payload);
                }
            }
            case 1 -> {
                if (deliver) {
                    publisher.publish(clientId, topic, 1, retain, payload);
                }
                conn.sendPubAck(packetId); // after the message is stored for every recipient
            }
            default -> {
                // Route on PUBLISH, remember the ID until PUBREL so a re-sent PUBLISH is not routed twice.
                if (s.awaitingRelease.add(packetId) && deliver) {
                    publisher.publish(clientId, topic, 2, retain, payload);
                }
                conn.sendPubRec(packetId);
            }
        }
    }

    void onPubRel(ClientConnection conn, String clientId, int packetId) {
        Session s = sessions.current(conn, clientId);
        if (s != null) {
            s.awaitingRelease.remove(packetId);
            conn.sendPubComp(packetId);
        }
    }
}
