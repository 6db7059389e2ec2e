package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.limits.PendingConnects;
import dev.lmqharness.broker.metrics.BrokerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The connect timeout, from accept to a complete CONNECT: a deadline scheduled when the channel
 * becomes active and cancelled when the dispatcher sees the CONNECT. Unlike an idle timer, bytes
 * that trickle in do not move it, so a peer sending its CONNECT one byte at a time is closed on
 * time. It also holds the channel's slot in {@link PendingConnects}: without a free slot the
 * connection is closed at once. One instance per channel; runs on the channel's event loop.
 */
final class ConnectDeadline extends ChannelInboundHandlerAdapter {

    static final String HANDLER = "mqttConnectDeadline";

    private static final Logger log = LoggerFactory.getLogger(ConnectDeadline.class);

    private final long timeoutMillis;
    private final PendingConnects pending;
    private final BrokerMetrics metrics;
    private ScheduledFuture<?> deadline;
    private boolean holdsSlot;

    ConnectDeadline(long timeoutMillis, PendingConnects pending, BrokerMetrics metrics) {
        this.timeoutMillis = timeoutMillis;
        this.pending = pending;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!pending.tryAcquire()) {
            log.debug("closing {}: {} connections already wait for their CONNECT", ctx.channel(), pending.max());
            metrics.pendingConnectRefused();
            ctx.close();
            return;
        }
        holdsSlot = true;
        deadline = ctx.executor().schedule(() -> {
            log.debug("closing {}: no complete CONNECT within {} ms", ctx.channel(), timeoutMillis);
            metrics.connectTimedOut();
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    /** The CONNECT arrived: the deadline and the slot are done with, and so is this handler. */
    static void met(ChannelHandlerContext anyCtx) {
        if (anyCtx.pipeline().get(HANDLER) instanceof ConnectDeadline d) {
            d.end();
            anyCtx.pipeline().remove(d);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        end();
        super.channelInactive(ctx);
    }

    private void end() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (holdsSlot) {
            holdsSlot = false;
            pending.release();
        }
    }
}
