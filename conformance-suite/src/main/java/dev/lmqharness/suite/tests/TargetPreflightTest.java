package dev.lmqharness.suite.tests;

import dev.lmqharness.suite.junit.RunTarget;
import dev.lmqharness.suite.broker.ConfigException;
import dev.lmqharness.suite.broker.TargetUnavailableException;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs first ({@link ClassOrderer.OrderAnnotation}): the one test that fails when the target cannot
 * be used, with the one line that says why. Every conformance test is then skipped with the same
 * line (see {@code ConformanceExtension}), so a wrong URL or refused credentials make one failure,
 * not a hundred.
 */
@Order(1)
class TargetPreflightTest {

    @Test
    void targetIsUsable() {
        try {
            RunTarget.get();
        } catch (ConfigException | TargetUnavailableException e) {
            AssertionError oneLine = new AssertionError(RunTarget.failureLine());
            oneLine.setStackTrace(new StackTraceElement[0]);
            throw oneLine;
        }
    }
}
