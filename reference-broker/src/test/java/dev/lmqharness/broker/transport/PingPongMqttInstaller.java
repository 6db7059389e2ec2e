package dev.lmqharness.broker.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-in for the broker's protocol layer: netty's MQTT codec and a tiny handler that
 * accepts every CONNECT, answers PINGREQ, records each PUBLISH payload and echoes it back (QoS0)
 * so tests can check both directions of a transport.
 */
final class PingPongMqttInstaller implements MqttPipelineInstaller {

    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    final List<byte[]> payloads = new CopyOnWriteArrayList<>();
    private final int maxBytes;

    PingPongMqttInstaller(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        pipeline.addLast(ChannelHandlerNames.MQTT_DECODER, new MqttDecoder(maxBytes));
        pipeline.addLast(ChannelHandlerNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        pipeline.addLast("pingPong", new Handler());
    }

    void reset() {
        connects.set(0);
        pings.set(0);
        payloads.clear();
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            if (msg.decoderResult().isFailure()) {
                ctx.close();
                return;
            }
            MqttMessageType type = msg.fixedHeader().messageType();
            switch (type) {
                case CONNECT -> {
                    connects.incrementAndGet();
                    ctx.writeAndFlush(MqttMessageBuilders.connAck()
                            .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false).build());
                }
                case PINGREQ -> {
                    pings.incrementAndGet();
                    ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                            MqttQoS.AT_MOST_ONCE, false, 0)));
                }
                case PUBLISH -> {
                    MqttPublishMessage publish = (MqttPublishMessage) msg;
                    byte[] bytes = ByteBufUtil.getBytes(publish.payload());
                    payloads.add(bytes);
                    ctx.writeAndFlush(MqttMessageBuilders.publish()
                            .topicName(publish.variableHeader().topicName())
                            .qos(MqttQoS.AT_MOST_ONCE)
                            .payload(Unpooled.wrappedBuffer(bytes))
                            .build());
                }
                case DISCONNECT -> ctx.close();
                default -> {
                    // not needed by the transport tests
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
