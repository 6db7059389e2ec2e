package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.ClientConnection;
import dev.lmqharness.broker.store.MessageRecord;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/** {@link ClientConnection} over a Netty channel. Writes are thread-safe: Netty hops to the channel's loop. */
final class ChannelConnection implements ClientConnection {

    private final Channel channel;

    ChannelConnection(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String channelId() {
        return channel.id().asLongText();
    }

    @Override
    public String remoteAddress() {
        SocketAddress a = channel.remoteAddress();
        if (a instanceof InetSocketAddress in && in.getAddress() != null) {
            return in.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }

    @Override
    public void sendConnAck(int returnCode, boolean sessionPresent) {
        MqttConnAckMessage ack = new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
                new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) returnCode), sessionPresent));
        if (returnCode == 0) {
            channel.writeAndFlush(ack);
        } else {
            // A refused CONNECT ends the connection (MQTT-3.2.2-5).
            channel.writeAndFlush(ack).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void sendPublish(MessageRecord m, int qos, int packetId, boolean dup) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), m.retain(), 0);
        channel.writeAndFlush(new MqttPublishMessage(header,
                new MqttPublishVariableHeader(m.topic(), qos == 0 ? -1 : packetId),
                Unpooled.wrappedBuffer(m.payload())));
    }

    @Override
    public void sendPubAck(int packetId) {
        sendIdOnly(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId);
    }

    @Override
    public void sendPubRec(int packetId) {
        sendIdOnly(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId);
    }

    @Override
    public void sendPubRel(int packetId) {
        // PUBREL's fixed header flags are 0010 (MQTT-3.6.1-1).
        sendIdOnly(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId);
    }

    @Override
    public void sendPubComp(int packetId) {
        sendIdOnly(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId);
    }

    @Override
    public void sendSubAck(int packetId, List<Integer> returnCodes) {
        int[] codes = returnCodes.stream().mapToInt(Integer::intValue).toArray();
        channel.writeAndFlush(new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(codes)));
    }

    @Override
    public void sendUnsubAck(int packetId) {
        sendIdOnly(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE, packetId);
    }

    @Override
    public void sendPingResp() {
        channel.writeAndFlush(new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE)));
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public void close() {
        channel.close();
    }

    private void sendIdOnly(MqttMessageType type, MqttQoS qos, int packetId) {
        channel.writeAndFlush(new MqttMessage(fixed(type, qos), MqttMessageIdVariableHeader.from(packetId)));
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }
}
