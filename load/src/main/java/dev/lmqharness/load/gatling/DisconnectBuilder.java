package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

/** {@code mqtt("disconnect").disconnect()}. */
public final class DisconnectBuilder implements ActionBuilder {

    final String requestName;

    DisconnectBuilder(String requestName) {
        this.requestName = requestName;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new DisconnectAction(requestName, ctx, next);
    }
}
