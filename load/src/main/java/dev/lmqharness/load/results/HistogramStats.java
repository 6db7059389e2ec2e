package dev.lmqharness.load.results;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in microseconds. */
public record HistogramStats(long count, long min, double mean, long p50, long p90, long p99, long p999, long p9999, long max) {

    public static HistogramStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new HistogramStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new HistogramStats(h.getTotalCount(), h.getMinValue(), Math.round(h.getMean() * 10) / 10.0,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue());
    }
}
