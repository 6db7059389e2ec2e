package dev.lmqharness.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

/** Handles one MQTT packet type after the connection is established. */
interface PacketHandler {
    void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message);
}
