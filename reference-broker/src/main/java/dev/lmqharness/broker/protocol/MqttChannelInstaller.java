package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.transport.MqttPipelineInstaller;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;

/** The MQTT part of every pipeline, whatever the transport below it. */
public final class MqttChannelInstaller implements MqttPipelineInstaller {

    private final MqttConfig config;
    private final MqttDispatcher dispatcher;

    public MqttChannelInstaller(MqttConfig config, SessionManager sessions) {
        this.config = config;
        this.dispatcher = new MqttDispatcher(sessions, new KeepAlive(config.keepAliveFactor()));
    }

    @Override
    public void install(ChannelPipeline p) {
        // Session loops write from other threads; batch their flushes into fewer syscalls.
        p.addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
        // Until CONNECT arrives the idle handler is the connect timeout; ConnectHandler swaps in keep-alive.
        p.addLast(KeepAlive.HANDLER, new IdleStateHandler(config.connectTimeoutSeconds(), 0, 0));
        // Whole, well-formed packets only reach netty's decoder; oversized ones close the connection unread.
        p.addLast("mqttFrameValidator", new FrameValidator(config.maxFrameBytes()));
        p.addLast("mqttDecoder", new MqttDecoder(config.maxFrameBytes(), 65535));
        p.addLast("mqttEncoder", MqttEncoder.INSTANCE);
        p.addLast("mqttDispatcher", dispatcher);
    }
}
