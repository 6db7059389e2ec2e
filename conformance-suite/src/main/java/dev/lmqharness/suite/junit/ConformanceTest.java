package dev.lmqharness.suite.junit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks a class of conformance tests: the extension resolves the target, labels each test with its
 * rules, skips what does not apply, records the exchange and attaches it on failure. Every test
 * has a timeout (a method may set its own {@link Timeout}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(ConformanceExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("conformance")
public @interface ConformanceTest {
    /** The area (Allure epic) when the rules' catalogue areas are not the grouping wanted. */
    String area() default "";
}
