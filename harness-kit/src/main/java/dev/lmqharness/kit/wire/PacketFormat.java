package dev.lmqharness.kit.wire;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** One-line descriptions of packets for the exchange log. */
public final class PacketFormat {
    private PacketFormat() {
    }

    public static String describe(MqttMessage m) {
        if (m.decoderResult() != null && m.decoderResult().isFailure()) {
            return "UNDECODABLE (" + m.decoderResult().cause() + ")";
        }
        return switch (m.fixedHeader().messageType()) {
            case CONNECT -> {
                MqttConnectMessage c = (MqttConnectMessage) m;
                yield "CONNECT clientId='" + c.payload().clientIdentifier() + "' cleanSession="
                        + c.variableHeader().isCleanSession() + " keepAlive=" + c.variableHeader().keepAliveTimeSeconds()
                        + (c.variableHeader().isWillFlag() ? " will=" + c.payload().willTopic() + " willQos="
                        + c.variableHeader().willQos() + " willRetain=" + c.variableHeader().isWillRetain() : "")
                        + (c.variableHeader().hasUserName() ? " user='" + c.payload().userName() + "'" : "");
            }
            case CONNACK -> {
                MqttConnAckMessage a = (MqttConnAckMessage) m;
                yield "CONNACK returnCode=0x" + String.format("%02x", a.variableHeader().connectReturnCode().byteValue())
                        + " sessionPresent=" + a.variableHeader().isSessionPresent();
            }
            case PUBLISH -> {
                MqttPublishMessage p = (MqttPublishMessage) m;
                byte[] payload = ByteBufUtil.getBytes(p.payload(), p.payload().readerIndex(), p.payload().readableBytes(), false);
                yield "PUBLISH topic='" + p.variableHeader().topicName() + "' qos=" + p.fixedHeader().qosLevel().value()
                        + " dup=" + p.fixedHeader().isDup() + " retain=" + p.fixedHeader().isRetain()
                        + (p.fixedHeader().qosLevel().value() > 0 ? " id=" + p.variableHeader().packetId() : "")
                        + " payload=" + preview(payload);
            }
            case SUBSCRIBE -> {
                MqttSubscribeMessage s = (MqttSubscribeMessage) m;
                yield "SUBSCRIBE id=" + s.variableHeader().messageId() + " " + s.payload().topicSubscriptions().stream()
                        .map(PacketFormat::sub).collect(Collectors.joining(", ", "[", "]"));
            }
            case SUBACK -> {
                MqttSubAckMessage s = (MqttSubAckMessage) m;
                yield "SUBACK id=" + s.variableHeader().messageId() + " codes=" + s.payload().reasonCodes().stream()
                        .map(c -> String.format("0x%02x", c)).collect(Collectors.joining(", ", "[", "]"));
            }
            case UNSUBSCRIBE -> {
                MqttUnsubscribeMessage u = (MqttUnsubscribeMessage) m;
                yield "UNSUBSCRIBE id=" + u.variableHeader().messageId() + " " + u.payload().topics();
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> m.fixedHeader().messageType() + " id="
                    + ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
            default -> m.fixedHeader().messageType().toString();
        };
    }

    private static String sub(MqttTopicSubscription s) {
        return s.topicFilter() + ":" + s.qualityOfService().value();
    }

    public static String preview(byte[] payload) {
        if (payload.length == 0) {
            return "(empty)";
        }
        if (payload.length > 48) {
            return payload.length + " bytes";
        }
        String s = new String(payload, StandardCharsets.UTF_8);
        boolean printable = s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable ? "'" + s + "'" : RawBytes.hex(payload, 48);
    }
}
