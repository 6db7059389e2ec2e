package dev.lmqharness.reports.conformance;

import java.util.Locale;

/** A rule's verdict on one broker, as the summary spells it, with how pages show it. */
public enum Verdict {
    FAIL("fail", "FAIL"),
    PASS("pass", "pass"),
    SKIP("skip", "skip"),
    NOT_RUN("not-run", "not run"),
    NOT_COVERED("not-covered", "not covered"),
    /** The broker's summary does not list the rule at all (another suite version). */
    ABSENT("absent", "\u2013");

    private final String key;
    private final String label;

    Verdict(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Verdict of(String key) {
        if (key == null) {
            return ABSENT;
        }
        String k = key.toLowerCase(Locale.ROOT);
        for (Verdict v : values()) {
            if (v.key.equals(k)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + key + "'");
    }
}
