package dev.lmqharness.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

/** DISCONNECT: the will is discarded (MQTT-3.14.4-3) and the connection closed. */
final class DisconnectHandler implements PacketHandler {
    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        state.disconnectReceived = true;
        ctx.close();
    }
}
