package dev.lmqharness.kit.wire;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/** One small event loop group for every raw client of the run (daemon threads, never blocks exit). */
final class NettyResources {
    private static volatile EventLoopGroup group;

    private NettyResources() {
    }

    static EventLoopGroup group() {
        EventLoopGroup g = group;
        if (g == null) {
            synchronized (NettyResources.class) {
                g = group;
                if (g == null) {
                    g = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("lmq-suite-raw", true),
                            NioIoHandler.newFactory());
                    group = g;
                }
            }
        }
        return g;
    }
}
