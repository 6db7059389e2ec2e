package dev.lmqharness.load.gatling;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.internal.Expressions;
import scala.Function1;

import java.util.function.Function;

/** A string resolved against a virtual user's session: Gatling Expression Language or a Java function. */
@FunctionalInterface
public interface SessionString {

    /** Throws {@link IllegalArgumentException} when the value cannot be resolved (e.g. missing attribute). */
    String resolve(Session session);

    /** Gatling EL such as {@code lmqload/fleet/#{mqttClientNumber}}; a plain string is constant. */
    static SessionString el(String expression) {
        if (expression == null || expression.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        if (!expression.contains("#{")) {
            return s -> expression;
        }
        Function1<Session, Validation<String>> compiled = Expressions.toStringExpression(expression);
        return s -> {
            Validation<String> v = compiled.apply(s);
            if (v instanceof Success<String> ok) {
                return ok.value();
            }
            throw new IllegalArgumentException("cannot resolve '" + expression + "': " + ((Failure) (Object) v).message());
        };
    }

    static SessionString of(Function<io.gatling.javaapi.core.Session, String> f) {
        return s -> {
            String v = f.apply(new io.gatling.javaapi.core.Session(s));
            if (v == null) {
                throw new IllegalArgumentException("session function returned null");
            }
            return v;
        };
    }
}
