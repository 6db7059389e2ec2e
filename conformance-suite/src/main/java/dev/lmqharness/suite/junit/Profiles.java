package dev.lmqharness.suite.junit;

import dev.lmqharness.suite.broker.TargetProfile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Narrows a test to some profiles beyond what its rules' catalogue entries say, e.g. when another
 * profile's rules override the statement; {@code reason} is reported for the others.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Profiles {
    TargetProfile[] value();

    String reason();
}
