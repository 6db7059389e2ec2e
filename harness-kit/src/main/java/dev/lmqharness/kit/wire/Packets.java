package dev.lmqharness.kit.wire;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Well-formed MQTT 3.1.1 packets, built with netty-codec-mqtt. */
public final class Packets {
    private Packets() {
    }

    public static MqttConnectMessage connect(ConnectSpec s) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(s.clientId())
                .cleanSession(s.cleanSession())
                .keepAlive(s.keepAliveSeconds());
        if (s.will() != null) {
            b.willFlag(true).willTopic(s.will().topic()).willMessage(s.will().payload())
                    .willQoS(MqttQoS.valueOf(s.will().qos())).willRetain(s.will().retain());
        }
        if (s.credentials() != null && s.credentials().present()) {
            b.hasUser(true).username(s.credentials().username());
            if (s.credentials().password() != null) {
                b.hasPassword(true).password(s.credentials().password());
            }
        }
        return b.build();
    }

    public static MqttPublishMessage publish(String topic, int qos, boolean retain, int packetId, byte[] payload) {
        return publish(topic, qos, retain, false, packetId, payload);
    }

    public static MqttPublishMessage publish(String topic, int qos, boolean retain, boolean dup, int packetId, byte[] payload) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId),
                Unpooled.wrappedBuffer(payload));
    }

    /** A subscription request: filter and requested QoS. */
    public record Sub(String filter, int qos) {
    }

    public static MqttSubscribeMessage subscribe(int packetId, Sub... subs) {
        List<MqttTopicSubscription> list = new ArrayList<>();
        for (Sub s : subs) {
            list.add(new MqttTopicSubscription(s.filter(), MqttQoS.valueOf(s.qos())));
        }
        return new MqttSubscribeMessage(
                new MqttFixedHeader(MqttMessageType.SUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubscribePayload(list));
    }

    public static MqttUnsubscribeMessage unsubscribe(int packetId, String... filters) {
        return new MqttUnsubscribeMessage(
                new MqttFixedHeader(MqttMessageType.UNSUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttUnsubscribePayload(Arrays.asList(filters)));
    }

    public static MqttMessage puback(int id) {
        return ack(MqttMessageType.PUBACK, id);
    }

    public static MqttMessage pubrec(int id) {
        return ack(MqttMessageType.PUBREC, id);
    }

    public static MqttMessage pubrel(int id) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(id));
    }

    public static MqttMessage pubcomp(int id) {
        return ack(MqttMessageType.PUBCOMP, id);
    }

    public static MqttMessage pingreq() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    public static MqttMessage disconnect() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    private static MqttMessage ack(MqttMessageType type, int id) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(id));
    }
}
