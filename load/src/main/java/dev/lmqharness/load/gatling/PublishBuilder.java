package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

/** {@code mqtt("publish").publish("a/b").qos(1).payloadSize(256)}. */
public final class PublishBuilder implements ActionBuilder {

    final String requestName;
    final SessionString topic;
    final Integer qos;
    final Integer payloadSize;
    final boolean retain;
    final boolean awaitAck;

    PublishBuilder(String requestName, SessionString topic, Integer qos, Integer payloadSize, boolean retain, boolean awaitAck) {
        this.requestName = requestName;
        this.topic = topic;
        this.qos = qos;
        this.payloadSize = payloadSize;
        this.retain = retain;
        this.awaitAck = awaitAck;
    }

    public PublishBuilder qos(int q) {
        MqttProtocolBuilder.checkQos(q);
        return new PublishBuilder(requestName, topic, q, payloadSize, retain, awaitAck);
    }

    public PublishBuilder payloadSize(int bytes) {
        MqttProtocolBuilder.checkPayloadSize(bytes);
        return new PublishBuilder(requestName, topic, qos, bytes, retain, awaitAck);
    }

    public PublishBuilder retain(boolean r) {
        return new PublishBuilder(requestName, topic, qos, payloadSize, r, awaitAck);
    }

    /** Go on without waiting for the acknowledgement (it is still timed and recorded). */
    public PublishBuilder noWait() {
        return new PublishBuilder(requestName, topic, qos, payloadSize, retain, false);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new PublishAction(this, ctx, next);
    }
}
