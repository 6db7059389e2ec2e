package dev.lmqharness.load.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one injector measured that does not add across injectors: its own CPU, the clients it held,
 * and gauges such as the broker's memory (several injectors may share one broker).
 *
 * @param cpuSeconds      CPU this injector's JVM used during the run
 * @param peakClients     most clients connected at once
 * @param brokerInProcess true when the broker ran in this JVM (then CPU includes the broker's)
 * @param gauges          point values, e.g. {@code broker.rssBytes.before}
 * @param notes           anything structured, e.g. the levels of a ramp
 */
public record ShardReport(int index, int count, String host, long startedAtMillis, long endedAtMillis,
                          double cpuSeconds, long peakClients, boolean brokerInProcess,
                          Map<String, Double> gauges, Map<String, Object> notes) {

    public ShardReport {
        gauges = gauges == null ? Map.of() : new TreeMap<>(gauges);
        notes = notes == null ? Map.of() : new TreeMap<>(notes);
    }

    public double wallSeconds() {
        return (endedAtMillis - startedAtMillis) / 1000.0;
    }

    /** CPU of this injector per connected client, in percent of one core (-1 when unknown). */
    public double cpuPercentPerClient() {
        if (cpuSeconds < 0 || peakClients <= 0 || wallSeconds() <= 0) {
            return -1;
        }
        return 100.0 * cpuSeconds / wallSeconds() / peakClients;
    }
}
