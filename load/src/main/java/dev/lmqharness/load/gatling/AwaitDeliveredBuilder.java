package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

import java.time.Duration;

/** {@code mqtt("drain").awaitDelivered().afterPublishers(10).timeout(Duration.ofSeconds(30))}. */
public final class AwaitDeliveredBuilder implements ActionBuilder {

    final String requestName;
    final long afterPublishers;
    final Duration timeout;

    AwaitDeliveredBuilder(String requestName, long afterPublishers, Duration timeout) {
        this.requestName = requestName;
        this.afterPublishers = afterPublishers;
        this.timeout = timeout;
    }

    /**
     * Wait first until at least this many publishers of this client's topics (of any scenario) have
     * ended, so a receiver does not finish before its publishers started.
     */
    public AwaitDeliveredBuilder afterPublishers(long n) {
        return new AwaitDeliveredBuilder(requestName, n, timeout);
    }

    public AwaitDeliveredBuilder timeout(Duration d) {
        return new AwaitDeliveredBuilder(requestName, afterPublishers, d);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new AwaitDeliveredAction(this, ctx, next);
    }
}
