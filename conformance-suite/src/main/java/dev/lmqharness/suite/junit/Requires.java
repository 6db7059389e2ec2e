package dev.lmqharness.suite.junit;

import dev.lmqharness.suite.broker.Capability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Capabilities the test needs; where the target lacks one the test is skipped with the reason. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    Capability[] value();
}
