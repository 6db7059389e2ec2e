package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

/** {@code mqtt("subscribe").subscribe("a/b/#").qos(1)}. */
public final class SubscribeBuilder implements ActionBuilder {

    final String requestName;
    final SessionString filter;
    final Integer qos;
    final boolean tracked;

    SubscribeBuilder(String requestName, SessionString filter, Integer qos, boolean tracked) {
        this.requestName = requestName;
        this.filter = filter;
        this.qos = qos;
        this.tracked = tracked;
    }

    public SubscribeBuilder qos(int q) {
        MqttProtocolBuilder.checkQos(q);
        return new SubscribeBuilder(requestName, filter, q, tracked);
    }

    /** Do not count what this subscription should receive in the delivery ledger. */
    public SubscribeBuilder untracked() {
        return new SubscribeBuilder(requestName, filter, qos, false);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new SubscribeAction(this, ctx, next);
    }
}
