package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

import java.time.Duration;

/** {@code mqtt("reply").expect(1).timeout(Duration.ofSeconds(5))}: await the next messages of this client. */
public final class ExpectBuilder implements ActionBuilder {

    final String requestName;
    final int count;
    final Duration timeout;

    ExpectBuilder(String requestName, int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("expect needs at least one message: " + count);
        }
        this.requestName = requestName;
        this.count = count;
        this.timeout = timeout;
    }

    public ExpectBuilder timeout(Duration d) {
        return new ExpectBuilder(requestName, count, d);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new ExpectAction(this, ctx, next);
    }
}
