package dev.lmqharness.broker.rules;

import java.util.Objects;

/**
 * The consumer side's QoS × cleanSession table.
 *
 * <table>
 *   <caption>LMQ profile</caption>
 *   <tr><th>subscription QoS</th><th>cleanSession=true</th><th>cleanSession=false</th></tr>
 *   <tr><td>0 (LMQ-QOS-0)</td><td>no offline; pushed once</td><td>no offline; pushed once; subscription survives</td></tr>
 *   <tr><td>1 (LMQ-QOS-1)</td><td>no offline; redelivered until acked</td><td>offline kept; guaranteed; subscription survives</td></tr>
 *   <tr><td>2 (LMQ-QOS-2)</td><td>no offline; exactly once</td><td>not supported: behaves as cleanSession=true</td></tr>
 * </table>
 *
 * <p>Also LMQ-QOS-3 ({@link #onConnect}: switching to cleanSession=true discards the session),
 * LMQ-QOS-4 ({@link #p2pCell}: for P2P the receiver's cleanSession and the message QoS decide) and
 * the QoS/session part of {@link EditionPolicy} (Lite: every subscription is granted QoS0 and every session
 * behaves as cleanSession=true, so nothing is kept offline). The plain MQTT 3.1.1 profile follows
 * the standard: a cleanSession=false session keeps QoS1 and QoS2 messages.
 */
public final class QosSessionPolicy {
    public static final String QOS_0 = "LMQ-QOS-0";
    public static final String QOS_1 = "LMQ-QOS-1";
    public static final String QOS_2 = "LMQ-QOS-2";
    public static final String QOS_3 = "LMQ-QOS-3";
    public static final String QOS_4 = "LMQ-QOS-4";
    public static final String P2P_OFFLINE = "LMQ-P2P-2";


    private final Profile profile;

    public QosSessionPolicy(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public Profile profile() {
        return profile;
    }

    /** SUBACK's granted QoS for a requested QoS: Lite grants only QoS0 ({@link EditionPolicy}). */
    public int grantedQos(int requestedQos) {
        checkQos(requestedQos);
        return profile == Profile.LITE ? 0 : requestedQos;
    }

    /** The session-level cleanSession flag that takes effect: Lite forces true ({@link EditionPolicy}). */
    public boolean effectiveCleanSession(boolean requested) {
        return profile == Profile.LITE || requested;
    }

    /** The cell for a subscription of {@code subscriptionQos} in a session with {@code cleanSession}. */
    public QosCell cell(int subscriptionQos, boolean cleanSession) {
        checkQos(subscriptionQos);
        return switch (profile) {
            case LITE -> new QosCell(EditionPolicy.RULE, 0, cleanSession, true, Delivery.AT_MOST_ONCE, false, false);
            case MQTT311 -> cleanSession
                    ? new QosCell("MQTT-3.1.2-6", subscriptionQos, true, true, Delivery.forQos(subscriptionQos), false, false)
                    : new QosCell("MQTT-3.1.2-4", subscriptionQos, false, false, Delivery.forQos(subscriptionQos),
                            subscriptionQos >= 1, true);
            case LMQ -> lmqCell(subscriptionQos, cleanSession);
        };
    }

    /** The six LMQ cells, spelled out one by one. */
    private static QosCell lmqCell(int qos, boolean clean) {
        if (qos == 0 && clean) {
            return new QosCell(QOS_0, 0, true, true, Delivery.AT_MOST_ONCE, false, false);
        }
        if (qos == 0) {
            return new QosCell(QOS_0, 0, false, false, Delivery.AT_MOST_ONCE, false, true);
        }
        if (qos == 1 && clean) {
            return new QosCell(QOS_1, 1, true, true, Delivery.AT_LEAST_ONCE, false, false);
        }
        if (qos == 1) {
            return new QosCell(QOS_1, 1, false, false, Delivery.AT_LEAST_ONCE, true, true);
        }
        if (clean) {
            return new QosCell(QOS_2, 2, true, true, Delivery.EXACTLY_ONCE, false, false);
        }
        // QoS2 + cleanSession=false is not supported: cleanSession=false does not take effect.
        return new QosCell(QOS_2, 2, false, true, Delivery.EXACTLY_ONCE, false, false);
    }

    /**
     * LMQ-QOS-4 / LMQ-P2P-2: a P2P message has no subscription; its own QoS and the receiver's
     * cleanSession pick the cell (QoS1 + cleanSession=false keeps it offline).
     */
    public QosCell p2pCell(int messageQos, boolean receiverCleanSession) {
        QosCell c = cell(messageQos, receiverCleanSession);
        if (profile != Profile.LMQ) {
            return c;
        }
        return new QosCell(QOS_4, c.subscriptionQos(), c.requestedCleanSession(), c.effectiveCleanSession(),
                c.onlineDelivery(), c.keepsOfflineMessages(), false);
    }

    /** LMQ-QOS-3: what CONNECT does to a stored session. */
    public SessionStart onConnect(boolean cleanSession, boolean storedSessionExists) {
        boolean clean = effectiveCleanSession(cleanSession);
        String rule = switch (profile) {
            case LMQ -> QOS_3;
            case LITE -> EditionPolicy.RULE;
            case MQTT311 -> "MQTT-3.1.2-4";
        };
        if (clean) {
            return new SessionStart(rule, true, storedSessionExists, false, false, false);
        }
        return new SessionStart(rule, false, false, storedSessionExists, storedSessionExists, true);
    }

    private static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + qos);
        }
    }
}
