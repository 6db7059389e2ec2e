package dev.lmqharness.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Starts the client's keep-alive once CONNECT arrived ({@link ConnectDeadline} covers the time before): silence for keepAlive x factor
 * closes the connection (MQTT-3.1.2-24); a keep-alive of 0 turns it off.
 */
final class KeepAlive {

    static final String HANDLER = "mqttIdle";

    private final double factor;

    KeepAlive(double factor) {
        this.factor = factor;
    }

    void start(ChannelHandlerContext ctx, int keepAliveSeconds) {
        ChannelPipeline p = ctx.pipeline();
        if (keepAliveSeconds <= 0) {
            if (p.get(HANDLER) != null) {
                p.remove(HANDLER);
            }
            return;
        }
        long millis = (long) Math.ceil(keepAliveSeconds * 1000.0 * factor);
        IdleStateHandler idle = new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS);
        if (p.get(HANDLER) != null) {
            p.replace(HANDLER, HANDLER, idle);
        } else {
            p.addBefore(ctx.name(), HANDLER, idle);
        }
    }
}
