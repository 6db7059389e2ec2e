package dev.lmqharness.broker.rules;

import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("QoS x cleanSession")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QosSessionPolicyTest {

    private final QosSessionPolicy lmq = new QosSessionPolicy(Profile.LMQ);
    private final QosSessionPolicy lite = new QosSessionPolicy(Profile.LITE);
    private final QosSessionPolicy mqtt = new QosSessionPolicy(Profile.MQTT311);

    @Rule("LMQ-QOS-0")
    @Test
    @DisplayName("Cell QoS0 + cleanSession=true: no offline messages, pushed once")
    void qos0Clean() {
        QosCell c = lmq.cell(0, true);
        assertThat(c.ruleId()).isEqualTo(QosSessionPolicy.QOS_0);
        assertThat(c.keepsOfflineMessages()).isFalse();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.AT_MOST_ONCE);
        assertThat(c.effectiveCleanSession()).isTrue();
        assertThat(c.subscriptionSurvivesReconnect()).isFalse();
    }

    @Rule("LMQ-QOS-0")
    @Test
    @DisplayName("Cell QoS0 + cleanSession=false: no offline messages, pushed once, subscription survives")
    void qos0Persistent() {
        QosCell c = lmq.cell(0, false);
        assertThat(c.ruleId()).isEqualTo(QosSessionPolicy.QOS_0);
        assertThat(c.keepsOfflineMessages()).isFalse();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.AT_MOST_ONCE);
        assertThat(c.effectiveCleanSession()).isFalse();
        assertThat(c.subscriptionSurvivesReconnect()).isTrue();
    }

    @Rule("LMQ-QOS-1")
    @Test
    @DisplayName("Cell QoS1 + cleanSession=true: no offline messages, online redelivered until acknowledged")
    void qos1Clean() {
        QosCell c = lmq.cell(1, true);
        assertThat(c.ruleId()).isEqualTo(QosSessionPolicy.QOS_1);
        assertThat(c.keepsOfflineMessages()).isFalse();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(c.effectiveCleanSession()).isTrue();
        assertThat(c.subscriptionSurvivesReconnect()).isFalse();
    }

    @Rule("LMQ-QOS-1")
    @Test
    @DisplayName("Cell QoS1 + cleanSession=false: offline kept, guaranteed, subscription survives")
    void qos1Persistent() {
        QosCell c = lmq.cell(1, false);
        assertThat(c.ruleId()).isEqualTo(QosSessionPolicy.QOS_1);
        assertThat(c.keepsOfflineMessages()).isTrue();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(c.effectiveCleanSession()).isFalse();
        assertThat(c.subscriptionSurvivesReconnect()).isTrue();
    }

    @Rule("LMQ-QOS-2")
    @Test
    @DisplayName("Cell QoS2 + cleanSession=true: no offline messages, exactly once online")
    void qos2Clean() {
        QosCell c = lmq.cell(2, true);
        assertThat(c.ruleId()).isEqualTo(QosSessionPolicy.QOS_2);
        assertThat(c.keepsOfflineMessages()).isFalse();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(c.effectiveCleanSession()).isTrue();
        assertThat(c.subscriptionSurvivesReconnect()).isFalse();
    }

    @Rule("LMQ-QOS-2")
    @Test
    @DisplayName("Cell QoS2 + cleanSession=false: not supported, behaves as cleanSession=true")
    void qos2Persistent() {
        QosCell c = lmq.cell(2, false);
        assertThat(c.ruleId()).isEqualTo(QosSessionPolicy.QOS_2);
        assertThat(c.requestedCleanSession()).isFalse();
        assertThat(c.effectiveCleanSession()).isTrue();
        assertThat(c.keepsOfflineMessages()).isFalse();
        assertThat(c.subscriptionSurvivesReconnect()).isFalse();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        // it is exactly the cleanSession=true cell apart from the flag the client asked for
        QosCell clean = lmq.cell(2, true);
        assertThat(c.keepsOfflineMessages()).isEqualTo(clean.keepsOfflineMessages());
        assertThat(c.subscriptionSurvivesReconnect()).isEqualTo(clean.subscriptionSurvivesReconnect());
    }

    @Rule({"LMQ-QOS-0", "LMQ-QOS-1", "LMQ-QOS-2"})
    @DisplayName("Only QoS1 + cleanSession=false keeps offline messages")
    @ParameterizedTest(name = "Only QoS1 + cleanSession=false keeps offline messages (qos={0}, clean={1})")
    @CsvSource({"0,true,false", "0,false,false", "1,true,false", "1,false,true", "2,true,false", "2,false,false"})
    void onlyOneCellKeepsOffline(int qos, boolean clean, boolean keeps) {
        assertThat(lmq.cell(qos, clean).keepsOfflineMessages()).isEqualTo(keeps);
    }

    @Rule("LMQ-QOS-3")
    @Test
    @DisplayName("CleanSession=true discards a stored session; false resumes it")
    void sessionStart() {
        SessionStart toTrue = lmq.onConnect(true, true);
        assertThat(toTrue.ruleId()).isEqualTo(QosSessionPolicy.QOS_3);
        assertThat(toTrue.discardStoredSession()).isTrue();
        assertThat(toTrue.resumeStoredSession()).isFalse();
        assertThat(toTrue.sessionPresent()).isFalse();
        assertThat(toTrue.persistAfterDisconnect()).isFalse();

        SessionStart resume = lmq.onConnect(false, true);
        assertThat(resume.resumeStoredSession()).isTrue();
        assertThat(resume.sessionPresent()).isTrue();
        assertThat(resume.discardStoredSession()).isFalse();
        assertThat(resume.persistAfterDisconnect()).isTrue();

        SessionStart fresh = lmq.onConnect(false, false);
        assertThat(fresh.resumeStoredSession()).isFalse();
        assertThat(fresh.sessionPresent()).isFalse();
        assertThat(fresh.persistAfterDisconnect()).isTrue();

        SessionStart cleanNoStore = lmq.onConnect(true, false);
        assertThat(cleanNoStore.discardStoredSession()).isFalse();
    }

    @Rule({"LMQ-QOS-4", "LMQ-P2P-2"})
    @Test
    @DisplayName("For P2P the message QoS and the receiver's cleanSession decide")
    void p2p() {
        QosCell keep = lmq.p2pCell(1, false);
        assertThat(keep.ruleId()).isEqualTo(QosSessionPolicy.QOS_4);
        assertThat(keep.keepsOfflineMessages()).isTrue();
        assertThat(lmq.p2pCell(1, true).keepsOfflineMessages()).isFalse();
        assertThat(lmq.p2pCell(0, false).keepsOfflineMessages()).isFalse();
        assertThat(lmq.p2pCell(2, false).keepsOfflineMessages()).isFalse();
        assertThat(lmq.p2pCell(2, false).onlineDelivery()).isEqualTo(Delivery.EXACTLY_ONCE);
    }

    @Rule({"LMQ-QOS-0", "LMQ-QOS-1", "LMQ-QOS-2", "LMQ-QOS-3", "LMQ-QOS-4"})
    @DisplayName("Lite grants QoS0 and behaves as cleanSession=true")
    @ParameterizedTest(name = "Lite grants QoS0 and behaves as cleanSession=true (qos={0}, clean={1})")
    @CsvSource({"0,true", "0,false", "1,true", "1,false", "2,true", "2,false"})
    void lite(int qos, boolean clean) {
        assertThat(lite.grantedQos(qos)).isZero();
        QosCell c = lite.cell(qos, clean);
        assertThat(c.ruleId()).isEqualTo(EditionPolicy.RULE);
        assertThat(c.subscriptionQos()).isZero();
        assertThat(c.effectiveCleanSession()).isTrue();
        assertThat(c.keepsOfflineMessages()).isFalse();
        assertThat(c.onlineDelivery()).isEqualTo(Delivery.AT_MOST_ONCE);
        assertThat(lite.p2pCell(qos, clean).keepsOfflineMessages()).isFalse();
        assertThat(lite.effectiveCleanSession(clean)).isTrue();
        SessionStart s = lite.onConnect(clean, true);
        assertThat(s.effectiveCleanSession()).isTrue();
        assertThat(s.discardStoredSession()).isTrue();
        assertThat(s.persistAfterDisconnect()).isFalse();
    }

    @Rule("LMQ-QOS-1")
    @Test
    @DisplayName("The LMQ profile grants the QoS requested")
    void grantedQos() {
        assertThat(lmq.grantedQos(0)).isZero();
        assertThat(lmq.grantedQos(1)).isEqualTo(1);
        assertThat(lmq.grantedQos(2)).isEqualTo(2);
        assertThat(lmq.effectiveCleanSession(false)).isFalse();
        assertThatThrownBy(() -> lmq.grantedQos(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lmq.cell(-1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Rule("MQTT-3.1.2-4")
    @DisplayName("The plain MQTT profile keeps QoS1 and QoS2 for cleanSession=false")
    void plainMqtt() {
        assertThat(mqtt.cell(2, false).keepsOfflineMessages()).isTrue();
        assertThat(mqtt.cell(2, false).subscriptionSurvivesReconnect()).isTrue();
        assertThat(mqtt.cell(1, false).keepsOfflineMessages()).isTrue();
        assertThat(mqtt.cell(0, false).keepsOfflineMessages()).isFalse();
        assertThat(mqtt.cell(1, true).keepsOfflineMessages()).isFalse();
        assertThat(mqtt.onConnect(false, true).sessionPresent()).isTrue();
    }
}
