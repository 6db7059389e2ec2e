package dev.lmqharness.load.results;

import dev.lmqharness.load.core.DeliveryLedger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything one injector measures outside Gatling's own statistics: the delivery ledger, the
 * HdrHistogram latencies, event counters and the number of connected clients. One instance per
 * run, shared by every virtual user.
 */
public final class RunMetrics {

    private final DeliveryLedger ledger = new DeliveryLedger();
    private final LatencyRecorders latencies = new LatencyRecorders();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong peakConnected = new AtomicLong();
    private final AtomicLong publisherIds = new AtomicLong();
    /** Client ID → wall-clock millis of the latest CONNECT sent with it (for takeover timing, LMQ-CID-4). */
    private final Map<String, Long> lastConnectStart = new ConcurrentHashMap<>();

    /**
     * A publisher ID unique in the run and across shards (shard index in the high bits). Allocated
     * here, not per scenario: Gatling builds protocol components once per scenario.
     */
    public long nextPublisherId(int shard) {
        return ((long) shard << 40) | publisherIds.incrementAndGet();
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    public LatencyRecorders latencies() {
        return latencies;
    }

    public void count(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    public void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    public long counter(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    public void clientConnected() {
        long now = connected.incrementAndGet();
        peakConnected.accumulateAndGet(now, Math::max);
    }

    public void clientDisconnected() {
        connected.decrementAndGet();
    }

    public long connectedClients() {
        return connected.get();
    }

    public long peakConnectedClients() {
        return peakConnected.get();
    }

    public void connectStarted(String clientId, long millis) {
        lastConnectStart.put(clientId, millis);
    }

    /** Start of the latest CONNECT with this client ID, or -1. */
    public long lastConnectStart(String clientId) {
        return lastConnectStart.getOrDefault(clientId, -1L);
    }

    /** Every counter that adds across shards: events, delivery totals, latency anomalies. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        m.putAll(ledger.totals().asCounters());
        m.put("foreignMessages", ledger.foreignMessages());
        m.put("latency.negative", latencies.negativeLatencies());
        m.put("latency.clamped", latencies.clampedLatencies());
        return m;
    }
}
