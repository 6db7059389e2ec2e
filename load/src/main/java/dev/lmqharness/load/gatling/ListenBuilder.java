package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

/** {@code mqtt("inbox").listen("lmqload/p2p/#{mqttClientId}")}. */
public final class ListenBuilder implements ActionBuilder {

    final String requestName;
    final SessionString filter;

    ListenBuilder(String requestName, SessionString filter) {
        this.requestName = requestName;
        this.filter = filter;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new ListenAction(this, ctx, next);
    }
}
