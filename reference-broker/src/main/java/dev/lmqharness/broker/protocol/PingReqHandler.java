package dev.lmqharness.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

/** PINGREQ gets PINGRESP (MQTT-3.12.4-1); any packet already reset the keep-alive timer. */
final class PingReqHandler implements PacketHandler {
    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        state.connection.sendPingResp();
    }
}
