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

    /** Wait first until this many publishing users (of any scenario) have ended. */
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
