package dev.lmqharness.load.gatling;

import io.netty.channel.EventLoop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Races a client future against a timer on the virtual user's event loop; the handler runs once,
 * with the result or with a {@link TimeoutException}. The future itself is left alone, so a late
 * acknowledgement is still seen by anyone else listening to it (the delivery ledger).
 */
final class Timeouts {

    private Timeouts() {
    }

    static <T> void within(CompletableFuture<T> future, EventLoop loop, long timeoutMillis, BiConsumer<T, Throwable> handler) {
        AtomicBoolean done = new AtomicBoolean();
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (done.compareAndSet(false, true)) {
                handler.accept(null, new TimeoutException("no acknowledgement within " + timeoutMillis + " ms"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        future.whenComplete((value, error) -> {
            if (done.compareAndSet(false, true)) {
                timer.cancel(false);
                handler.accept(value, error);
            }
        });
    }
}
