package dev.lmqharness.broker.lmq;

/** Reads one sample from a Prometheus text exposition. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of the first sample of {@code metric} (any labels), or 0 when it is absent. */
    static double value(String exposition, String metric) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
