package dev.lmqharness.suite.junit;

import dev.lmqharness.suite.broker.ConfigException;
import dev.lmqharness.suite.broker.Target;
import dev.lmqharness.suite.broker.TargetConfig;
import dev.lmqharness.suite.broker.TargetUnavailableException;

/**
 * The one target of a run, started (and preflight-checked) on first use and stopped at the end.
 * A failure is remembered, so every later test fails at once with the same one line instead of
 * waiting for its own timeout.
 */
public final class RunTarget {
    private static Target target;
    private static TargetConfig config;
    private static RuntimeException failure;
    private static String description;

    private RunTarget() {
    }

    /**
     * Runs the next tests against this configuration instead of the process's (system properties,
     * environment, file): stops the current target and forgets any earlier failure. For programs
     * that run the suite several times in one JVM (fault injection).
     */
    public static synchronized void use(TargetConfig c) {
        stop();
        config = c;
        failure = null;
        description = null;
    }

    public static synchronized TargetConfig config() {
        if (config == null) {
            config = TargetConfig.fromCurrentProcess();
        }
        return config;
    }

    public static synchronized Target get() {
        if (failure != null) {
            throw failure;
        }
        if (target == null) {
            try {
                target = Target.start(config());
                description = target.describe() + (target.note().isEmpty() ? "" : " (" + target.note() + ")");
            } catch (ConfigException | TargetUnavailableException e) {
                failure = e;
                throw e;
            } catch (RuntimeException e) {
                // Anything else while starting (e.g. the admin API answering nonsense) also ends the run.
                failure = new TargetUnavailableException("target did not start: " + e);
                throw failure;
            }
        }
        return target;
    }

    /** The started target, if any (for reports). */
    public static synchronized Target current() {
        return target;
    }

    /** How the target of this run was described when it started (kept after it stopped). */
    public static synchronized String description() {
        return description;
    }

    public static synchronized String failureLine() {
        if (failure == null) {
            return null;
        }
        return failure instanceof ConfigException ? "configuration error: " + failure.getMessage() : failure.getMessage();
    }

    public static synchronized void stop() {
        if (target != null) {
            target.close();
            target = null;
        }
    }
}
