package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;

import java.util.function.Function;

/** {@code mqtt("connect").connect()}, optionally with its own client ID, clean-session flag or keep-alive. */
public final class ConnectBuilder implements ActionBuilder {

    final String requestName;
    final SessionString clientId;
    final Boolean cleanSession;
    final Integer keepAlive;

    ConnectBuilder(String requestName, SessionString clientId, Boolean cleanSession, Integer keepAlive) {
        this.requestName = requestName;
        this.clientId = clientId;
        this.cleanSession = cleanSession;
        this.keepAlive = keepAlive;
    }

    /** Client ID as Expression Language; {@code #{mqttClientNumber}} is already set when it is resolved. */
    public ConnectBuilder clientId(String expression) {
        return new ConnectBuilder(requestName, SessionString.el(expression), cleanSession, keepAlive);
    }

    public ConnectBuilder clientId(Function<Session, String> f) {
        return new ConnectBuilder(requestName, SessionString.of(f), cleanSession, keepAlive);
    }

    public ConnectBuilder cleanSession(boolean clean) {
        return new ConnectBuilder(requestName, clientId, clean, keepAlive);
    }

    public ConnectBuilder keepAlive(int seconds) {
        return new ConnectBuilder(requestName, clientId, cleanSession, seconds);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new ConnectAction(this, ctx, next);
    }
}
