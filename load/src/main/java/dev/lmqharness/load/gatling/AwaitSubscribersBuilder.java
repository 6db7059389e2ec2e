package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

import java.time.Duration;

/** {@code mqtt("wait").awaitSubscribers("a/b", 100)}: start publishing only once the receivers are there. */
public final class AwaitSubscribersBuilder implements ActionBuilder {

    final String requestName;
    final SessionString topic;
    final int count;
    final Duration timeout;

    AwaitSubscribersBuilder(String requestName, SessionString topic, int count, Duration timeout) {
        this.requestName = requestName;
        this.topic = topic;
        this.count = count;
        this.timeout = timeout;
    }

    public AwaitSubscribersBuilder timeout(Duration d) {
        return new AwaitSubscribersBuilder(requestName, topic, count, d);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new AwaitSubscribersAction(this, ctx, next);
    }
}
