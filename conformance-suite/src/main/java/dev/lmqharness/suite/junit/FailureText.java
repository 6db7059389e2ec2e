package dev.lmqharness.suite.junit;

import java.util.stream.Collectors;

/**
 * A failure's message in one line for reports: AssertJ puts the description and the finding on
 * separate lines after a leading newline, so the first two non-blank lines are joined.
 */
public final class FailureText {
    private static final int MAX = 300;

    private FailureText() {
    }

    public static String oneLine(Throwable t) {
        return oneLine(t == null ? null : t.getMessage());
    }

    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String s = message.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).collect(Collectors.joining(" "));
        return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
    }
}
