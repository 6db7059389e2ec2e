package dev.lmqharness.broker.session;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;

/**
 * A fixed set of single-threaded loops. A client ID always hashes to the same loop, so one thread
 * owns a session's state and takeover, publish and ack handling for a client never race.
 */
public final class SessionLoops {

    private final EventExecutor[] loops;

    public SessionLoops(int threads) {
        DefaultThreadFactory factory = new DefaultThreadFactory("session-loop", true);
        loops = new EventExecutor[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new DefaultEventExecutor(factory);
        }
    }

    public EventExecutor loopOf(String clientId) {
        return loops[Math.floorMod(clientId.hashCode(), loops.length)];
    }

    public void execute(String clientId, Runnable task) {
        loopOf(clientId).execute(task);
    }

    public void shutdown() {
        for (EventExecutor e : loops) {
            e.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventExecutor e : loops) {
            e.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
