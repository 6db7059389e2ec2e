package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.config.LimitsConfig;
import dev.lmqharness.broker.config.MqttConfig;
import dev.lmqharness.broker.limits.PendingConnects;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.transport.MqttPipelineInstaller;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;

/** The MQTT part of every pipeline, whatever the transport below it. */
public final class MqttChannelInstaller implements MqttPipelineInstaller {

    private final MqttConfig config;
    private final MqttDispatcher dispatcher;
    private final PendingConnects pendingConnects;
    private final BrokerMetrics metrics;

    /** With the default {@link LimitsConfig} and metrics of its own (protocol tests). */
    public MqttChannelInstaller(MqttConfig config, SessionManager sessions) {
        this(config, LimitsConfig.defaults(), sessions, new BrokerMetrics());
    }

    public MqttChannelInstaller(MqttConfig config, LimitsConfig limits, SessionManager sessions, BrokerMetrics metrics) {
        this.config = config;
        this.dispatcher = new MqttDispatcher(sessions, new KeepAlive(config.keepAliveFactor()));
        this.pendingConnects = new PendingConnects(limits.maxPendingConnects());
        this.metrics = metrics;
        metrics.gauge("lmq.limits.pending.connects", "connections accepted without a complete CONNECT yet",
                pendingConnects::pending);
    }

    @Override
    public void install(ChannelPipeline p) {
        // Session loops write from other threads; batch their flushes into fewer syscalls.
        p.addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
        // From accept to a complete CONNECT, however slowly its bytes come; then keep-alive takes over.
        p.addLast(ConnectDeadline.HANDLER, new ConnectDeadline(config.connectTimeoutSeconds() * 1000L, pendingConnects, metrics));
        // Whole, well-formed packets only reach netty's decoder; oversized ones close the connection unread.
        p.addLast("mqttFrameValidator", new FrameValidator(config.maxFrameBytes()));
        p.addLast("mqttDecoder", new MqttDecoder(config.maxFrameBytes(), 65535));
        p.addLast("mqttEncoder", MqttEncoder.INSTANCE);
        p.addLast("mqttDispatcher", dispatcher);
    }
}
