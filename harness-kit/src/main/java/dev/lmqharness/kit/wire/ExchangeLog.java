package dev.lmqharness.kit.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that happened in one test, in order: every packet the raw clients sent and received,
 * every call and callback of the application clients. Attached to the report when the test fails.
 */
public final class ExchangeLog {
    private final long startNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    public void record(String who, String direction, String text) {
        double t = (System.nanoTime() - startNanos) / 1e9;
        String line = String.format("%8.3f s  %-14s %s %s", t, who, direction, text);
        synchronized (lines) {
            lines.add(line);
        }
    }

    public void note(String text) {
        record("suite", "  ", text);
    }

    public String render() {
        synchronized (lines) {
            return lines.isEmpty() ? "(no exchange recorded)" : String.join("\n", lines) + "\n";
        }
    }

    public int size() {
        synchronized (lines) {
            return lines.size();
        }
    }
}
