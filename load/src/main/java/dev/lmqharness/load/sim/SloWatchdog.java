package dev.lmqharness.load.sim;

import dev.lmqharness.load.results.LatencyRecorders;
import dev.lmqharness.load.results.RunMetrics;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the largest fleet that meets the latency SLO while a ramp runs. Every interval of the
 * end-to-end histogram is filed under the fleet size at that moment (connected clients rounded
 * down to the ramp step); a level with enough samples is judged, and passes when its p99 is
 * within the bound. The result is the largest judged level such that it and every smaller judged
 * level passed (a level seen only briefly, e.g. while clients join, is reported but not judged).
 */
public final class SloWatchdog {

    private final RunMetrics metrics;
    private final String tag;
    private final long step;
    private final long p99BoundMicros;
    private final long minSamples;
    private final Map<Long, Histogram> levels = new TreeMap<>();
    private volatile boolean breached;

    /** A fleet size and what it showed. */
    public record Level(long clients, long samples, double p99Millis, boolean judged, boolean passed) {
    }

    public SloWatchdog(RunMetrics metrics, String tag, long step, long p99BoundMillis, long minSamples) {
        this.metrics = metrics;
        this.tag = tag;
        this.step = Math.max(1, step);
        this.p99BoundMicros = p99BoundMillis * 1000;
        this.minSamples = minSamples;
        metrics.latencies().addIntervalListener(this::onInterval);
    }

    private synchronized void onInterval(String name, Histogram interval) {
        if (!tag.equals(name)) {
            return;
        }
        long level = (metrics.connectedClients() / step) * step;
        if (level == 0) {
            return;
        }
        Histogram h = levels.computeIfAbsent(level, l -> new Histogram(LatencyRecorders.HIGHEST_MICROS, LatencyRecorders.DIGITS));
        h.add(interval);
        if (h.getTotalCount() >= minSamples && h.getValueAtPercentile(99) > p99BoundMicros) {
            breached = true;
        }
    }

    /** True once some level broke the SLO; users can stop ramping. */
    public boolean breached() {
        return breached;
    }

    public synchronized List<Level> levels() {
        List<Level> out = new ArrayList<>();
        levels.forEach((clients, h) -> {
            boolean judged = h.getTotalCount() >= minSamples;
            out.add(new Level(clients, h.getTotalCount(), h.getValueAtPercentile(99) / 1000.0, judged,
                    judged && h.getValueAtPercentile(99) <= p99BoundMicros));
        });
        return out;
    }

    /** Largest judged level that passed with every smaller judged level passing too; 0 if none. */
    public synchronized long largestPassing() {
        long best = 0;
        for (Level l : levels()) {
            if (!l.judged()) {
                continue;
            }
            if (!l.passed()) {
                break;
            }
            best = l.clients();
        }
        return best;
    }
}
