package dev.lmqharness.suite.tests.support;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.LocallyRefusedException;
import dev.lmqharness.suite.junit.SuiteContext;

import java.util.List;

/** What the rulebook's decisions let the suite accept: a refusal may be SUBACK 0x80 or a closed connection. */
public final class LmqChecks {
    private LmqChecks() {
    }

    /** True if the subscription was refused (SUBACK 0x80, or the server dropped the connection). */
    public static boolean subscriptionRefused(AppClient c, String filter, int qos) {
        try {
            List<Integer> codes = c.subscribe(filter, qos);
            return codes.size() == 1 && codes.get(0) == 0x80;
        } catch (AssertionError e) {
            if (!c.isConnected()) {
                return true;
            }
            throw e;
        }
    }

    /** Publishes where the server may refuse by closing the connection; a local refusal is noted. */
    public static void publishMayBeRefused(SuiteContext ctx, AppClient c, String topic, byte[] payload, int qos) {
        try {
            c.publish(topic, payload, qos, false);
        } catch (AssertionError e) {
            ctx.note("publish to " + topic + " ended with: " + e.getMessage());
        } catch (LocallyRefusedException e) {
            ctx.note("the client refused to publish to " + topic + " itself: " + e.getMessage());
        }
    }

    /** {@code prefix} padded with 'x' to exactly {@code length} characters. */
    public static String padTo(String prefix, int length) {
        if (prefix.length() > length) {
            throw new IllegalArgumentException(prefix + " is already longer than " + length);
        }
        return prefix + "x".repeat(length - prefix.length());
    }
}
